import { createStore, type StoreApi } from 'zustand/vanilla';
import type { QcAction } from '../../../../shared/calls/returns';
import { displayCode } from '../../../../shared/codes/display-code';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import { parseCommand } from '../../../../shared/returns/qc-commands';
import { DISPOSITIONS, MAX_PHOTO_BYTES, type PhotoMimeType } from '../../../../shared/returns/qc-codes';
import type { CandidateView, QcFeedback, QcState } from '../../../../shared/returns/qc-views';
import { normaliseScan } from '../../../../shared/scan-code';
import { toErrorShape } from '../../i18n/error-message';
import type { Beeper, Feedback } from '../scan/feedback-tones';
import { rawPreview } from '../scan/raw-preview';
import { ScannerDecoder, type KeyInput, type ScanSource } from '../scan/scanner-decoder';
import { nextStep, OVERRIDE_KEYS, type NextStep } from './next-step';

/** A question the screen asks before anything is written (which return? add it? unexpected?). */
export type Question =
  | { kind: 'choose_return' | 'other_buyer'; code: string; candidates: CandidateView[] }
  | { kind: 'unknown_code'; code: string }
  | { kind: 'search'; query: string; results: CandidateView[] };

/** Why the last scan or key was not recorded, when it was not. */
export type Refusal =
  /** The station (or the screen, with the station's own rules) refused it. */
  | { kind: 'error'; error: AppErrorShape }
  /** An input method (Chinese, Thai, Vietnamese…) was composing: the keys never were the code. */
  | { kind: 'ime' }
  /** The key means nothing at this step; nothing was sent. `hint` is the i18n key of what to do instead. */
  | { kind: 'hint'; hint: string };

export interface ReceiveState {
  text: string;
  qc: QcState | null;
  /** The last answer of the bench; `seq` grows with every answer so an old one never passes for new. */
  feedback: QcFeedback | null;
  refusal: Refusal | null;
  /** What the answer on screen (or the refusal) is about, as it arrived — GS shown as ‹GS›. */
  scanned: string | null;
  raw: { preview: string; length: number } | null;
  seq: number;
  /** Keys of a new scan are arriving: the last answer is dimmed until the new one is in. */
  reading: boolean;
  inFlight: number;
  question: Question | null;
  cameraOpen: boolean;
  /** The supervisor's badge scanned at the approval step, waiting for the PIN. */
  approverBadge: string | null;
  load(): Promise<void>;
  key(input: KeyInput, where: 'here' | 'elsewhere'): 'pass' | 'taken' | 'scanned';
  resetTyping(): void;
  setText(text: string): void;
  paste(text: string): void;
  submitTyped(): void;
  /** Enter with nothing typed: the step's obvious next action. */
  confirm(): void;
  act(action: QcAction): Promise<boolean>;
  photo(dataBase64: string, mimeType: PhotoMimeType, bytes: number): Promise<void>;
  approve(pin: string): Promise<boolean>;
  search(query: string): Promise<void>;
  setCameraOpen(open: boolean): void;
  cameraFailed(reason: string): void;
  cancelQuestion(): void;
  /** The printable command sheet as a PDF (base64), with each command's words in the screen's language. */
  commandSheet(title: string, labels: Record<string, string>): Promise<string | null>;
}

export interface ReceiveStoreDeps {
  api: LastmileApi;
  beeper: Beeper;
  soundOn: () => boolean;
  /** A fresh client action id (random); tests pass a counter. */
  newActionId?: () => string;
  /** How long a lone shortcut key waits for a scanner burst to follow (ms). */
  shortcutDelayMs?: number;
  /** Pause before a call the station answered DB_LOCKED (or that got no answer) is sent again. */
  retryPauseMs?: number;
}

export type ReceiveStore = StoreApi<ReceiveState>;

const TONE_SOUND: Record<QcFeedback['tone'], Feedback> = {
  ok: 'found',
  warning: 'unknown',
  info: 'info',
  error: 'error',
};

/** Keys that act by themselves on the bench when no code is being typed. */
const SHORTCUTS = new Set([
  'Y',
  'N',
  'U',
  'D',
  'P',
  'L',
  'B',
  'S',
  'R',
  'F',
  'X',
  'T',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
]);

/** A whole line typed outside any field is a scan from this length on, whatever its speed. */
const MIN_ELSEWHERE_SCAN = 4;

function randomActionId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `qc-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What Enter means where nothing is sent: the words the screen says instead. */
function enterHint(step: NextStep): string | null {
  switch (step.id) {
    case 'checklist':
      return 'receive.hint.answerYesNo';
    case 'bin':
      return 'receive.hint.scanBin';
    case 'unexpected_bin':
      return 'receive.hint.scanQuarantine';
    case 'scan_parcel':
      return 'receive.hint.scanParcel';
    case 'serial':
    case 'reason':
    case 'photos':
    case 'disposition':
    case 'condition':
    case 'complete':
    case 'scan_item':
      return null;
    default:
      return step.options.length > 0 ? 'receive.hint.chooseNumber' : null;
  }
}

export function createReceiveStore(deps: ReceiveStoreDeps): ReceiveStore {
  const decoder = new ScannerDecoder();
  const newActionId = deps.newActionId ?? randomActionId;
  const delay = deps.shortcutDelayMs ?? 160;
  const retryPause = deps.retryPauseMs ?? 400;
  // Answers come in the order the clerk acted: a fast second scan never overtakes the first.
  let chain: Promise<unknown> = Promise.resolve();
  let pendingShortcut: { key: string; timer: ReturnType<typeof setTimeout>; input: KeyInput } | null = null;

  return createStore<ReceiveState>()((set, get) => {
    const sound = (tone: QcFeedback['tone']): void => {
      if (deps.soundOn()) deps.beeper.play(TONE_SOUND[tone]);
    };
    /** Not recorded: said in red (an amber hint for a key that means nothing here), numbered like any answer. */
    const refuse = (refusal: Refusal, scanned: string | null = null, raw: string | null = null): void => {
      set((s) => ({
        refusal,
        scanned,
        raw: raw === null ? null : rawPreview(raw),
        feedback: null,
        seq: s.seq + 1,
        reading: false,
      }));
      sound(refusal.kind === 'hint' ? 'warning' : 'error');
    };

    /**
     * One call to the bench; a retry after DB_LOCKED or a lost answer reuses the id, so it acts
     * once. `scanned` is what the clerk scanned, shown with the answer (or the refusal).
     */
    const send = (
      call: (id: string) => Promise<{ state: QcState; feedback: QcFeedback }>,
      scanned: string | null,
    ): Promise<boolean> => {
      const run = async (): Promise<boolean> => {
        const id = newActionId();
        set((s) => ({ inFlight: s.inFlight + 1 }));
        try {
          let result: { state: QcState; feedback: QcFeedback } | undefined;
          for (let attempt = 0; ; attempt++) {
            try {
              result = await call(id);
              break;
            } catch (err) {
              const e = toErrorShape(err);
              if (attempt < 3 && (e.code === 'DB_LOCKED' || e.code === 'TRANSPORT_FAILED')) {
                await new Promise((resolve) => setTimeout(resolve, retryPause));
                continue;
              }
              throw err;
            }
          }
          const fb = result.feedback;
          const question: Question | null =
            fb.kind === 'choose_return' || fb.kind === 'other_buyer'
              ? { kind: fb.kind, code: fb.scannedCode ?? '', candidates: fb.candidates }
              : fb.kind === 'unknown_code'
                ? { kind: 'unknown_code', code: fb.scannedCode ?? '' }
                : null;
          set((s) => ({
            qc: result.state,
            feedback: fb,
            refusal: null,
            scanned: fb.scannedCode ?? scanned,
            raw: null,
            question,
            seq: s.seq + 1,
            reading: false,
            approverBadge: null,
          }));
          sound(fb.tone);
          return true;
        } catch (err) {
          refuse({ kind: 'error', error: toErrorShape(err) }, scanned);
          // The bench may have moved on (another tab, an expired undo): show where it stands.
          void get().load();
          return false;
        } finally {
          set((s) => ({ inFlight: s.inFlight - 1 }));
        }
      };
      const next = chain.then(run, run);
      chain = next;
      return next;
    };

    const submit = (raw: string, source: ScanSource): void => {
      set({ text: '' });
      // "Y" then Enter typed into the field is the key, not a code.
      const key = raw.trim().toUpperCase();
      if (key.length === 1 && SHORTCUTS.has(key)) {
        set({ reading: false });
        shortcut(key);
        return;
      }
      let code: string;
      try {
        code = normaliseScan(raw).code;
      } catch (err) {
        refuse({ kind: 'error', error: toErrorShape(err) }, null, raw);
        return;
      }
      const shown = displayCode(code);
      const state = get();
      const step = nextStep(state.qc);
      const command = parseCommand(code);
      // At the approval step a badge is the supervisor, not an item: kept until the PIN is typed.
      if (step.wantsApproval && !command) {
        // The answer before it (the evidence photo) is not this scan's: the form says whose badge it is.
        set((s) => ({
          approverBadge: code,
          feedback: null,
          refusal: null,
          scanned: shown,
          seq: s.seq + 1,
          reading: false,
        }));
        sound('ok');
        return;
      }
      if (command) {
        switch (command.kind) {
          case 'photo':
            set({ cameraOpen: true, reading: false });
            return;
          case 'cancel':
            set({ reading: false });
            get().cancelQuestion();
            return;
          case 'confirm':
            set({ reading: false });
            get().confirm();
            return;
          case 'toggle_decision':
            set({ reading: false });
            toggleDecision(0);
            return;
          case 'start_unexpected':
            set({ reading: false });
            if (state.question?.kind === 'unknown_code')
              void get().act({ kind: 'start_unexpected', code: state.question.code });
            return;
          case 'choose':
            if (chooseFromQuestion(command.index)) return;
            break;
          default:
            break;
        }
      }
      void send((id) => deps.api.qcScan({ code: raw, source, clientActionId: id }), shown);
    };

    /** Digit n on a question: receive just the n-th return it offers. */
    const chooseFromQuestion = (index: number): boolean => {
      const q = get().question;
      if (!q || (q.kind !== 'choose_return' && q.kind !== 'other_buyer' && q.kind !== 'search')) return false;
      const list = q.kind === 'search' ? q.results : q.candidates;
      const c = list[index];
      if (!c) return true;
      void get().act({
        kind: 'receive',
        returnOrderIds: [c.id],
        code: q.kind === 'search' ? (c.returnTrackingNumber ?? c.platformReturnId) : q.code,
      });
      return true;
    };

    const toggleDecision = (index: number): void => {
      const decision = get().qc?.receipt?.decisions[index];
      if (!decision) return;
      const next = decision.decision === 'approve' ? 'reject' : 'approve';
      void get().act({
        kind: 'receipt_decision',
        returnOrderId: decision.returnOrderId,
        decision: next,
        rejectReason: next === 'reject' ? (decision.suggested.rejectReason ?? 'used_or_damaged') : null,
      });
    };

    const shortcut = (key: string): void => {
      const state = get();
      const step = nextStep(state.qc);
      const digit = /^[1-9]$/.test(key) ? Number(key) - 1 : null;
      if (digit !== null) {
        if (chooseFromQuestion(digit)) return;
        if (step.id === 'complete') return toggleDecision(digit);
        if (step.options.length > 0) void get().act({ kind: 'choose', index: digit });
        return;
      }
      switch (key) {
        case 'Y':
        case 'N':
          if (step.id === 'checklist') void get().act({ kind: 'answer', answer: key === 'Y' ? 'yes' : 'no' });
          return;
        case 'U':
          void get().act({ kind: 'undo' });
          return;
        case 'D':
          if (step.id === 'scan_item') void get().act({ kind: 'no_more_items' });
          return;
        case 'P':
          if (step.id === 'photos' || step.wantsPhoto) set({ cameraOpen: true });
          return;
        case 'L':
          if (step.id === 'approval') void get().act({ kind: 'later' });
          return;
        case 'B':
          if (state.qc?.receipt?.currentUnitId) void get().act({ kind: 'back' });
          return;
        case 'S':
          if (step.id === 'scan_parcel') set({ question: { kind: 'search', query: '', results: [] } });
          return;
        default: {
          if (step.id === 'complete' && key === 'R') return toggleDecision(0);
          const disposition = DISPOSITIONS.find((d) => OVERRIDE_KEYS[d] === key);
          if (disposition && step.id === 'disposition') void get().act({ kind: 'override', disposition });
        }
      }
    };

    const flushShortcut = (): void => {
      if (!pendingShortcut) return;
      const { key } = pendingShortcut;
      clearTimeout(pendingShortcut.timer);
      pendingShortcut = null;
      shortcut(key);
    };

    /** Not recorded because an input method was composing; the answer before it is no longer shown. */
    const imeRefused = (): void => {
      decoder.reset();
      set({ text: '' });
      refuse({ kind: 'ime' });
    };

    return {
      text: '',
      qc: null,
      feedback: null,
      refusal: null,
      scanned: null,
      raw: null,
      seq: 0,
      reading: false,
      inFlight: 0,
      question: null,
      cameraOpen: false,
      approverBadge: null,

      async load() {
        try {
          set({ qc: await deps.api.qcState({}) });
        } catch (err) {
          refuse({ kind: 'error', error: toErrorShape(err) });
        }
      },

      key(input, where) {
        const here = where === 'here';
        const letter = /^(?:Key([A-Z])|Digit([1-9])|Numpad([1-9]))$/.exec(input.code);
        const shortcutKey = letter ? (letter[1] ?? letter[2] ?? letter[3] ?? null) : null;
        // A lone shortcut key acts after a pause; if more keys follow fast, it was a scan's first character.
        if (pendingShortcut && !/^(?:Key|Digit|Numpad|Minus|Period|Slash)/.test(input.code)) {
          // Enter, Escape… right after a shortcut key: the shortcut was meant, then this key.
          flushShortcut();
        } else if (pendingShortcut) {
          const first = pendingShortcut;
          clearTimeout(first.timer);
          pendingShortcut = null;
          decoder.key(first.input);
        } else if (
          here &&
          shortcutKey &&
          SHORTCUTS.has(shortcutKey) &&
          decoder.text.length === 0 &&
          !input.ctrlKey &&
          !input.altKey &&
          !input.metaKey &&
          !input.shiftKey &&
          !input.isComposing &&
          input.keyCode !== 229
        ) {
          pendingShortcut = { key: shortcutKey, input, timer: setTimeout(flushShortcut, delay) };
          return 'taken';
        }
        const result = decoder.key(input);
        switch (result.kind) {
          case 'pass':
            if (here && input.code === 'Escape') {
              get().cancelQuestion();
              return 'taken';
            }
            return 'pass';
          case 'typed':
            // An old answer must never look like the answer to what is being scanned now.
            set({ text: here ? result.text : '', reading: result.text.length > 0 });
            return here ? 'taken' : 'pass';
          case 'submit':
            // Elsewhere, a whole line typed outside any field is a scan whatever its speed (a slow
            // Bluetooth scanner types 80 ms a key): it is recorded, never dropped without a word.
            if (!here && result.text.length < MIN_ELSEWHERE_SCAN) {
              set({ reading: false });
              return 'pass';
            }
            submit(result.text, result.source);
            return 'scanned';
          case 'ime':
            imeRefused();
            // Elsewhere too: the bench comes up and says the scan was not recorded.
            return here ? 'taken' : 'scanned';
        }
      },

      resetTyping() {
        decoder.reset();
        if (pendingShortcut) clearTimeout(pendingShortcut.timer);
        pendingShortcut = null;
        set({ text: '', reading: false });
      },

      setText(text) {
        // An input method's commit lands here: judged now, never left sitting in the field.
        if (Array.from(text).some((ch) => (ch.codePointAt(0) ?? 0) > 0x7e)) {
          decoder.reset();
          set({ text: '' });
          try {
            normaliseScan(text);
          } catch (err) {
            refuse({ kind: 'error', error: toErrorShape(err) }, null, text);
          }
          return;
        }
        set({ text: decoder.replace(text), reading: text.length > 0 });
      },

      paste(text) {
        if (/[\r\n]$/u.test(text)) {
          decoder.reset();
          submit(text, 'keyboard');
          return;
        }
        set({ text: decoder.replace(text) });
      },

      submitTyped() {
        const text = decoder.text;
        decoder.reset();
        if (text.length === 0) {
          get().confirm();
          return;
        }
        submit(text, 'keyboard');
      },

      confirm() {
        const state = get();
        const q = state.question;
        if (q?.kind === 'choose_return' || q?.kind === 'other_buyer') {
          void get().act({ kind: 'receive', returnOrderIds: q.candidates.map((c) => c.id), code: q.code });
          return;
        }
        if (q?.kind === 'unknown_code') {
          void get().act({ kind: 'start_unexpected', code: q.code });
          return;
        }
        if (q?.kind === 'search') return;
        const step = nextStep(state.qc);
        if (step.wantsPhoto) {
          set({ cameraOpen: true });
          return;
        }
        if (step.wantsApproval) {
          if (!state.approverBadge) refuse({ kind: 'hint', hint: 'receive.hint.scanBadge' });
          return;
        }
        if (step.wantsNote) return;
        const hint = enterHint(step);
        if (hint) {
          refuse({ kind: 'hint', hint });
          return;
        }
        void get().act({ kind: 'confirm' });
      },

      act(action) {
        return send((id) => deps.api.qcAct({ action, clientActionId: id }), null);
      },

      async photo(dataBase64, mimeType, bytes) {
        if (bytes > MAX_PHOTO_BYTES) {
          refuse({
            kind: 'error',
            error: { code: 'PHOTO_TOO_LARGE', params: { bytes, max: MAX_PHOTO_BYTES } },
          });
          return;
        }
        try {
          const ref = await deps.api.qcUploadPhoto({ dataBase64, mimeType });
          set({ cameraOpen: false });
          await get().act({ kind: 'photo', sha256: ref.sha256 });
        } catch (err) {
          refuse({ kind: 'error', error: toErrorShape(err) });
        }
      },

      async approve(pin) {
        const badge = get().approverBadge;
        if (!badge) return false;
        const authorization = badge.startsWith('BADGE-')
          ? { badge, pin }
          : { userId: badge.toLowerCase(), pin };
        const ok = await get().act({ kind: 'approve_here', authorization });
        // A wrong PIN keeps the badge: the supervisor types the PIN again, no new scan needed.
        if (!ok) set({ approverBadge: badge });
        return ok;
      },

      async search(query) {
        if (query.trim().length < 3) {
          set({ question: { kind: 'search', query, results: [] } });
          return;
        }
        try {
          const results = await deps.api.qcSearch({ query });
          set({ question: { kind: 'search', query, results } });
        } catch (err) {
          refuse({ kind: 'error', error: toErrorShape(err) });
        }
      },

      setCameraOpen: (open) => set({ cameraOpen: open }),
      cameraFailed: (reason) =>
        refuse({ kind: 'error', error: { code: 'CAMERA_UNAVAILABLE', params: { reason } } }),
      cancelQuestion: () => set({ question: null, cameraOpen: false, approverBadge: null }),

      async commandSheet(title, labels) {
        try {
          return (await deps.api.qcCommandSheet({ title, labels })).pdfBase64;
        } catch (err) {
          refuse({ kind: 'error', error: toErrorShape(err) });
          return null;
        }
      },
    };
  });
}
