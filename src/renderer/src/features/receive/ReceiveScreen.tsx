import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { Kbd } from '../../ui/Kbd';
import { formatTime } from '../../ui/format';
import { CameraCapture } from './CameraCapture';
import { FeedbackBanner } from './FeedbackBanner';
import { commandSheet, type QcCommand } from '../../../../shared/returns/qc-commands';
import { nextStep, paramWords, type KeyHint } from './next-step';
import { ParcelPanel } from './ParcelPanel';
import { QuestionPanel } from './QuestionPanel';
import '../../ui/bench.css';
import './receive.css';

function Hint({ hint }: { hint: KeyHint }) {
  const { t } = useTranslation();
  return (
    <li className="hint" data-key={hint.key}>
      <Kbd>{hint.key}</Kbd>
      <span>{t(hint.label, paramWords(hint.params, t))}</span>
      {hint.command && <span className="hint-command">{hint.command}</span>}
    </li>
  );
}

/** What a command barcode does, in the screen's language, for the printed sheet. */
function commandWords(command: QcCommand, t: (key: string, o?: Record<string, unknown>) => string): string {
  switch (command.kind) {
    case 'choose':
      return t('receive.sheet.choice', { n: command.index + 1 });
    case 'condition':
      return t('receive.sheet.condition', { condition: t(`qc.condition.${command.condition}`) });
    case 'override':
      return t(`qc.disposition.${command.disposition}`);
    case 'answer':
      return t(command.answer === 'yes' ? 'receive.keys.yes' : 'receive.keys.no');
    default:
      return t(`receive.sheet.${command.kind}`);
  }
}

/** Ctrl+P on the bench: the command sheet (read by position, so it is the same key on every layout). */
function isCommandSheetKey(e: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>) {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyP';
}

/**
 * The command sheet as a PDF in the screen's language, to print: the button, or Ctrl+P anywhere on
 * the bench (a browser's "print this page" would print the screen, which no clerk wants).
 */
function CommandSheetButton() {
  const { t } = useTranslation();
  const make = useFeature('receive', (s) => s.commandSheet);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const download = useRef<() => Promise<void>>(async () => {});
  download.current = async (): Promise<void> => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      const labels: Record<string, string> = {};
      for (const { code, command } of commandSheet()) {
        labels[code.slice('QC-'.length).replace(/-/g, '_')] = commandWords(command, t).slice(0, 40);
      }
      const pdf = await make(t('receive.sheet.title'), labels);
      if (!pdf) return;
      const bytes = Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'qc-command-sheet.pdf';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isCommandSheetKey(e)) return;
      // Before the scanner capture: Ctrl+P is not the start of a code (a DLE prefix).
      e.preventDefault();
      e.stopImmediatePropagation();
      void download.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <button
      type="button"
      className="btn btn-small sheet-link"
      data-testid="command-sheet"
      data-busy={busy}
      disabled={busy}
      onClick={() => void download.current()}
    >
      <Kbd>Ctrl+P</Kbd> {t('receive.sheet.download')}
    </button>
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
                {t(next.title, paramWords(next.params, t))}
              </h2>
              {next.options.length > 0 && (
                <ol className="options" data-testid="options">
                  {next.options.map((o) => (
                    <li key={o.key}>
                      <Kbd>{o.key}</Kbd> {t(o.label)}
                      {o.command && <span className="hint-command">{o.command}</span>}
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
                  buyer: qc.lastCompleted.orders[0]?.buyerName ?? t('receive.unknownBuyer'),
                  code: qc.lastCompleted.scannedCode,
                })}
              </p>
            )}
          </aside>
        )}
      </div>
      <p className="sheet-hint">
        <span>{t('receive.commandSheetHint')}</span>
        <CommandSheetButton />
      </p>
    </div>
  );
}
