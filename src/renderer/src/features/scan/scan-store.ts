import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { ScanResult } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { looksLikeBadge } from '../../../../shared/codes/badge-code';
import { normaliseScan } from '../../../../shared/scan-code';
import { toErrorShape } from '../../i18n/error-message';
import type { Beeper, Feedback } from './feedback-tones';
import { rawPreview } from './raw-preview';
import { ScannerDecoder, type KeyInput, type ScanSource } from './scanner-decoder';

export type ScanHistoryItem = Awaited<ReturnType<LastmileApi['recentScans']>>[number];

/** What the big panel shows after the last scan. */
export type ScanPanel =
  | { kind: 'idle' }
  | { kind: 'found'; result: ScanResult; source: ScanSource }
  | { kind: 'unknown'; result: ScanResult; source: ScanSource }
  | { kind: 'error'; error: AppErrorShape; raw: { preview: string; length: number } | null }
  /** The station database is held by another program: the scan is being sent again by itself. */
  | { kind: 'busy'; code: string; attempt: number; attempts: number }
  | { kind: 'ime' };

export interface ScanState {
  /** What is being typed or scanned right now, shown in the code field. */
  text: string;
  panel: ScanPanel;
  /** Scans sent and not yet answered. */
  inFlight: number;
  recent: ScanHistoryItem[];
  /**
   * A keystroke from anywhere in the app. On the Scan screen every key builds the code; elsewhere
   * only a complete scanner burst counts (a scan is never lost because the clerk was looking at the
   * queue), and a person's keys keep their usual meaning there.
   */
  key(input: KeyInput, where: KeyContext): KeyVerdict;
  /** Forget half-typed keys (the screen changed under them). */
  resetTyping(): void;
  /** Text put into the code field without keystrokes: an input method's commit, drag and drop. */
  setText(text: string): void;
  paste(text: string): void;
  /** The Record button, or Enter in the field when the keystrokes went elsewhere. */
  submitTyped(): void;
  loadRecent(): Promise<void>;
}

export interface ScanStoreDeps {
  api: LastmileApi;
  beeper: Beeper;
  soundOn: () => boolean;
  recentLimit?: number;
  /** A staff badge was scanned: it is a sign-in, never a parcel scan (the session opens sign-in). */
  onBadge?: (badge: string) => void;
  /** How often a scan the station answered DB_LOCKED is sent again, and the pause before each. */
  busyRetries?: number;
  busyPauseMs?: number;
  /** The id of one scan, sent with every try of it so the station records it once. */
  newClientScanId?: () => string;
}

const BUSY_RETRIES = 3;
const BUSY_PAUSE_MS = 1000;

/** 16 random bytes as url-safe text (what the contract's clientScanId accepts). */
function randomScanId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type ScanStore = StoreApi<ScanState>;

export type KeyContext = 'scan-screen' | 'elsewhere';
/** 'pass': leave the key to the page; 'taken': prevent its default; 'scanned': a code was submitted. */
export type KeyVerdict = 'pass' | 'taken' | 'scanned';

export function createScanStore(deps: ScanStoreDeps): ScanStore {
  const decoder = new ScannerDecoder();
  // Scans are recorded one after another in arrival order, so a fast second scan never overtakes the first.
  let chain: Promise<void> = Promise.resolve();

  return createStore<ScanState>()((set, get) => {
    const feedback = (kind: Feedback): void => {
      if (deps.soundOn()) deps.beeper.play(kind);
    };

    const refuse = (error: AppErrorShape, raw: string | null): void => {
      set({ panel: { kind: 'error', error, raw: raw === null ? null : rawPreview(raw) } });
      feedback('error');
    };

    const record = async (raw: string, source: ScanSource): Promise<void> => {
      let code: string;
      try {
        // Same verdict the core would give, at once and without a round trip: bad input never leaves the page.
        code = normaliseScan(raw).code;
      } catch (err) {
        refuse(toErrorShape(err), raw);
        return;
      }
      if (looksLikeBadge(code)) {
        // A sign-in, not a parcel: never recorded (the core would refuse it too). The last result
        // goes, so it cannot pass for this scan's, and the sign-in opens with the badge.
        if (!deps.onBadge) {
          refuse({ code: 'SCAN_IS_BADGE', params: {} }, raw);
          return;
        }
        set({ panel: { kind: 'idle' } });
        deps.onBadge(code);
        return;
      }
      set((s) => ({ inFlight: s.inFlight + 1 }));
      try {
        const result = await sendUntilNotBusy(raw, source);
        const found = result.outcome !== 'unknown';
        set({ panel: { kind: found ? 'found' : 'unknown', result, source } });
        feedback(found ? 'found' : 'unknown');
        void get().loadRecent();
      } catch (err) {
        refuse(toErrorShape(err), raw);
      } finally {
        set((s) => ({ inFlight: s.inFlight - 1 }));
      }
    };

    const retries = deps.busyRetries ?? BUSY_RETRIES;
    const pauseMs = deps.busyPauseMs ?? BUSY_PAUSE_MS;
    const newClientScanId = deps.newClientScanId ?? randomScanId;

    /**
     * Sends one scan; while the station answers DB_LOCKED (another program holds its database and
     * the station's own wait ran out) the panel says "busy, retrying" and the same scan, with the
     * same id, goes again — so a try that did commit after all is not recorded twice.
     */
    const sendUntilNotBusy = async (raw: string, source: ScanSource): Promise<ScanResult> => {
      const clientScanId = newClientScanId();
      for (let attempt = 1; ; attempt++) {
        try {
          return await deps.api.recordScan({ code: raw, source, clientScanId });
        } catch (err) {
          const error = toErrorShape(err);
          if (error.code !== 'DB_LOCKED' || attempt > retries) throw err;
          set({ panel: { kind: 'busy', code: normaliseScan(raw).code, attempt, attempts: retries } });
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
      }
    };

    const submit = (raw: string, source: ScanSource): void => {
      set({ text: '' });
      chain = chain.then(() => record(raw, source));
    };

    return {
      text: '',
      panel: { kind: 'idle' },
      inFlight: 0,
      recent: [],

      key(input, where) {
        const result = decoder.key(input);
        const here = where === 'scan-screen';
        switch (result.kind) {
          case 'pass':
            return 'pass';
          case 'typed':
            if (!here) return 'pass';
            set({ text: result.text });
            return 'taken';
          case 'submit':
            if (!here && result.source !== 'scanner') return 'pass';
            submit(result.text, result.source);
            return 'scanned';
          case 'ime':
            if (!here) return 'pass';
            set({ text: '', panel: { kind: 'ime' } });
            feedback('error');
            return 'pass';
        }
      },

      resetTyping() {
        decoder.reset();
        set({ text: '' });
      },

      setText(text) {
        // An input method's commit lands here; judge it now rather than let CJK sit in the field.
        if (Array.from(text).some((ch) => (ch.codePointAt(0) ?? 0) > 0x7e)) {
          decoder.reset();
          set({ text: '' });
          try {
            normaliseScan(text);
          } catch (err) {
            refuse(toErrorShape(err), text);
          }
          return;
        }
        set({ text: decoder.replace(text) });
      },

      paste(text) {
        // A code pasted with its line break is complete; without one it waits for Enter like typing.
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
          set({ text: '' });
          refuse({ code: 'SCAN_EMPTY', params: {} }, null);
          return;
        }
        submit(text, 'keyboard');
      },

      async loadRecent() {
        try {
          set({ recent: await deps.api.recentScans({ limit: deps.recentLimit ?? 12 }) });
        } catch {
          // The list is a convenience; the panel already told the clerk what matters.
        }
      },
    };
  });
}
