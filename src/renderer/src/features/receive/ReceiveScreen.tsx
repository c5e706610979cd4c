import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { Kbd } from '../../ui/Kbd';
import { formatTime } from '../../ui/format';
import { CameraCapture } from './CameraCapture';
import { FeedbackBanner } from './FeedbackBanner';
import { nextStep, type KeyHint } from './next-step';
import { ParcelPanel } from './ParcelPanel';
import { QuestionPanel } from './QuestionPanel';
import './receive.css';

function Hint({ hint }: { hint: KeyHint }) {
  const { t } = useTranslation();
  return (
    <li className="hint">
      <Kbd>{hint.key}</Kbd>
      <span>{t(hint.label, hint.params)}</span>
    </li>
  );
}

/** The supervisor's badge (scanned) and PIN, at the bench, for a destroy. */
function ApprovalForm() {
  const { t } = useTranslation();
  const badge = useFeature('receive', (s) => s.approverBadge);
  const approve = useFeature('receive', (s) => s.approve);
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (badge) pinRef.current?.focus();
  }, [badge]);
  return (
    <form
      className="approval"
      data-testid="approval-form"
      onSubmit={(e) => {
        e.preventDefault();
        void approve(pin).then(() => setPin(''));
      }}
    >
      <p className="approval-badge" data-testid="approval-badge">
        {badge ? t('receive.approval.badge', { badge }) : t('receive.approval.scanBadge')}
      </p>
      {badge && (
        <label className="field">
          <span className="field-label">{t('receive.approval.pin')}</span>
          <input
            ref={pinRef}
            className="input pin-input"
            data-testid="approval-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={32}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
      )}
    </form>
  );
}

/** The unexpected return's note: typed, then Enter. */
function NoteForm() {
  const { t } = useTranslation();
  const act = useFeature('receive', (s) => s.act);
  const [note, setNote] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <form
      className="note-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) void act({ kind: 'note', text: note.trim() });
      }}
    >
      <input
        ref={ref}
        className="input note-input"
        data-testid="note-input"
        maxLength={500}
        value={note}
        placeholder={t('receive.notePlaceholder')}
        onChange={(e) => setNote(e.target.value)}
      />
    </form>
  );
}

/**
 * The return-QC bench: what was scanned and what it is (colour and sound), the one next action in
 * big type, and the parcel with its returns and units. Everything by scanner and keyboard.
 */
export function ReceiveScreen() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const qc = useFeature('receive', (s) => s.qc);
  const text = useFeature('receive', (s) => s.text);
  const question = useFeature('receive', (s) => s.question);
  const cameraOpen = useFeature('receive', (s) => s.cameraOpen);
  const setText = useFeature('receive', (s) => s.setText);
  const submitTyped = useFeature('receive', (s) => s.submitTyped);
  useEffect(() => void stores.receive.getState().load(), [stores]);
  const next = nextStep(qc);
  const receipt = qc?.receipt ?? null;

  return (
    <div className="receive-screen" data-step={next.id}>
      <div className="receive-top">
        <form
          className="receive-entry"
          onSubmit={(e) => {
            e.preventDefault();
            submitTyped();
          }}
        >
          <input
            data-scan-field=""
            className="input receive-input"
            data-testid="scan-input"
            aria-label={t('receive.inputLabel')}
            placeholder={t('receive.inputPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </form>
        <FeedbackBanner />
      </div>
      <div className="receive-body">
        <section className="next" data-testid="next-step" data-step={next.id} aria-live="polite">
          {question ? (
            <QuestionPanel />
          ) : (
            <>
              <p className="next-label">{t('receive.next.label')}</p>
              <h2 className="next-title" data-testid="next-title">
                {t(next.title, next.params)}
              </h2>
              {next.options.length > 0 && (
                <ol className="options" data-testid="options">
                  {next.options.map((o) => (
                    <li key={o.key}>
                      <Kbd>{o.key}</Kbd> {t(o.label)}
                    </li>
                  ))}
                </ol>
              )}
              {next.wantsApproval && <ApprovalForm />}
              {next.wantsNote && <NoteForm />}
              {(cameraOpen || next.wantsPhoto) && <CameraCapture auto={cameraOpen || next.wantsPhoto} />}
              <ul className="hints">
                {next.keys.map((k) => (
                  <Hint key={k.key} hint={k} />
                ))}
              </ul>
            </>
          )}
          {qc?.undo && (
            <p className="undo-note" data-testid="undo-note">
              {t('receive.undoUntil', {
                what: t(`receive.undoWhat.${qc.undo.what}`),
                time: formatTime(qc.undo.until, i18n.language),
              })}
            </p>
          )}
        </section>
        {receipt ? (
          <ParcelPanel receipt={receipt} />
        ) : (
          <aside className="parcel parcel-empty">
            <p>{t('receive.noParcel')}</p>
            {qc && qc.pendingApprovals > 0 && (
              <p className="pending" data-testid="pending-approvals">
                {t('receive.pendingApprovals', { count: qc.pendingApprovals })}
              </p>
            )}
            {qc?.lastCompleted && (
              <p data-testid="last-completed">
                {t('receive.lastCompleted', {
                  id: qc.lastCompleted.orders[0]?.platformReturnId ?? qc.lastCompleted.scannedCode,
                })}
              </p>
            )}
          </aside>
        )}
      </div>
      {!question && next.id === 'scan_parcel' && (
        <p className="sheet-hint">{t('receive.commandSheetHint')}</p>
      )}
    </div>
  );
}
