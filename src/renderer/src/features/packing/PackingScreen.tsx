import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { Kbd } from '../../ui/Kbd';
import { formatDeadlineShort } from '../../ui/format';
import { isScaleCommand } from '../../../../shared/scales/live-reading';
import { HandoverPanel, ManifestParcels } from './HandoverPanel';
import { nextAction } from './next-action';
import { OrderLines } from './OrderLines';
import { PackFeedbackBanner } from './PackFeedbackBanner';
import { PackQueue } from './PackQueue';
import { PhotoPanel } from './PhotoPanel';
import { RoutePanel } from './RoutePanel';
import { ShiftSummaryPanel } from './ShiftSummaryPanel';
import { WeighPanel } from './WeighPanel';
import '../../ui/bench.css';
import './packing.css';

/** The order being packed: who it is for and its deadline, with its late risk in words. */
function OrderHead() {
  const { t, i18n } = useTranslation();
  const session = useFeature('packing', (s) => s.session);
  if (!session) return null;
  return (
    <p className="pack-order-head" data-testid="pack-order" data-risk={session.risk.status}>
      <span className="pq-risk">{t(`packing.risk.${session.risk.status}`)}</span>
      <span className="pack-order-id">
        {session.packageNo > 1 ? `${session.orderRef} #${session.packageNo}` : session.orderRef}
      </span>
      <span>{`${session.recipient.name} · ${session.recipient.country}`}</span>
      {session.risk.deadlineAt !== null && (
        <span>
          {t('packing.shipBy', { time: formatDeadlineShort(session.risk.deadlineAt, i18n.language) })}
        </span>
      )}
    </p>
  );
}

/** The platform could not be asked whether this order may share a parcel: said, not hidden. */
function CombineNote() {
  const { t } = useTranslation();
  const reason = useFeature('packing', (s) => s.combinable?.reason ?? null);
  if (reason !== 'platform_unreachable') return null;
  return (
    <p className="pack-combine-note" data-testid="pack-combine-note">
      {t('packing.combine.platform_unreachable')}
    </p>
  );
}

/** With no order open: the order to take first (the queue is sorted by deadline, late first). */
function FirstInLine() {
  const { t, i18n } = useTranslation();
  const first = useFeature('packing', (s) => s.queue?.items[0] ?? null);
  if (!first) return null;
  return (
    <div className="pack-first" data-testid="pack-first" data-risk={first.risk.status}>
      <span>{t('packing.first.order')}</span>
      <span className="pack-first-ref">{first.orderRef}</span>
      {first.risk.deadlineAt !== null && (
        <span>
          {t('packing.first.when', {
            risk: t(`packing.risk.${first.risk.status}`),
            time: formatDeadlineShort(first.risk.deadlineAt, i18n.language),
          })}
        </span>
      )}
    </div>
  );
}

/** Where a typed code shows while it is typed; the scanner needs no click in it. */
function CodeField() {
  const { t } = useTranslation();
  const text = useFeature('packing', (s) => s.text);
  const setText = useFeature('packing', (s) => s.setText);
  const submitTyped = useFeature('packing', (s) => s.submitTyped);
  return (
    <form
      className="pack-entry"
      onSubmit={(e) => {
        e.preventDefault();
        submitTyped();
      }}
    >
      <input
        data-scan-field=""
        className="input pack-input"
        data-testid="pack-input"
        aria-label={t('packing.inputLabel')}
        placeholder={t('packing.inputPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </form>
  );
}

/**
 * The packing bench: scan the order, scan every item (lines count down, a wrong item refused in
 * red), weigh, see the route, Enter prints the label; handover and the shift summary a key away.
 */
export function PackingScreen() {
  const { t } = useTranslation();
  const stores = useStores();
  // Field by field: a keystroke (the code being typed) redraws the field, not the whole bench.
  const mode = useFeature('packing', (s) => s.mode);
  const session = useFeature('packing', (s) => s.session);
  const box = useFeature('packing', (s) => s.box);
  const handoverStep = useFeature('packing', (s) => s.handoverStep);
  const manifest = useFeature('packing', (s) => s.manifest);
  const last = useFeature('packing', (s) => s.lastPacked);
  const serialFor = useFeature('packing', (s) => s.serialFor);
  // As text, so the 250 ms scale reading redraws the bench only when the scale's keys change.
  const scaleCommands = useFeature('packing', (s) => s.liveScale?.commands.join(' ') ?? '');
  const usbScaleConnectable = useFeature('packing', (s) => s.usbScaleConnectable);
  useEffect(() => void stores.packing.getState().load(), [stores]);
  const liveScale = useMemo(
    () => ({ commands: scaleCommands.split(' ').filter(isScaleCommand) }),
    [scaleCommands],
  );
  const combinable = useFeature('packing', (s) => s.combinable);
  const next = nextAction({
    mode,
    session,
    box,
    handoverStep,
    manifest,
    serialFor,
    liveScale,
    usbScaleConnectable,
    combinable,
  });

  return (
    <div className="pack-screen" data-mode={mode} data-step={next.id} data-testid="pack-screen">
      <div className="pack-top">
        <CodeField />
        <PackFeedbackBanner />
      </div>
      <div className="pack-body">
        <section className="next pack-next" data-testid="pack-next" data-step={next.id} aria-live="polite">
          <p className="next-label">{t(`packing.mode.${mode}`)}</p>
          <OrderHead />
          {mode === 'pack' && session && <CombineNote />}
          <h2 className="next-title" data-testid="pack-next-title">
            {t(next.title, next.params)}
          </h2>
          {/* The step's details scroll here, so the instruction above and the keys below stay on screen. */}
          <div className="pack-step-body" data-testid="pack-step-body">
            {mode === 'pack' && session && (
              <>
                {session.step === 'verify' && <OrderLines session={session} />}
                {session.step === 'weigh' && <WeighPanel session={session} />}
                {(session.step === 'route' || session.step === 'ready') && <RoutePanel session={session} />}
              </>
            )}
            {mode === 'pack' && !session && <FirstInLine />}
            {mode === 'pack' && !session && last && (
              <p className="pack-last-label" data-testid="pack-last-label" data-state={last.state}>
                {last.state === 'packed'
                  ? t('packing.last.packed', {
                      orderRef: last.orderRef,
                      carrier: last.carrierName,
                      tracking: last.trackingNumber ?? '—',
                    })
                  : last.platformLabel
                    ? t('packing.last.awaitingPlatformLabel', {
                        orderRef: last.orderRef,
                        platform: last.platformLabel,
                      })
                    : t('packing.last.awaitingLabel', { orderRef: last.orderRef, carrier: last.carrierName })}
              </p>
            )}
            {mode === 'handover' && <HandoverPanel />}
            {mode === 'summary' && <ShiftSummaryPanel />}
          </div>
          <ul className="hints" data-testid="pack-keys">
            {next.keys.map((k) => (
              <li className="hint" key={k.key} data-key={k.key}>
                <Kbd>{k.key}</Kbd>
                <span>{t(k.label, k.params)}</span>
              </li>
            ))}
          </ul>
        </section>
        {mode === 'handover' ? (
          <ManifestParcels />
        ) : mode === 'pack' && session?.step === 'ready' && session.photoRequired ? (
          // The camera takes the queue's place while the parcel waits for its photo: the clerk looks there.
          <PhotoPanel />
        ) : (
          <PackQueue />
        )}
      </div>
    </div>
  );
}
