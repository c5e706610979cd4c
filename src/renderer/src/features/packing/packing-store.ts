import { createStore, type StoreApi } from 'zustand/vanilla';
import { displayCode } from '../../../../shared/codes/display-code';
import type { LastmileApi } from '../../../../shared/contract';
import { BOX_CODE, parseBoxBarcode } from '../../../../shared/packing/box-presets';
import type { AppErrorShape } from '../../../../shared/errors';
import type {
  ManifestView,
  PackCombinable,
  PackCompleteResult,
  PackQueue,
  PackSession,
  PackShiftSummary,
} from '../../../../shared/packing/pack-views';
import type { LiveScaleReading } from '../../../../shared/scales/live-reading';
import { normaliseScan } from '../../../../shared/scan-code';
import { toErrorShape } from '../../i18n/error-message';
import { ShortcutGate, shortcutKeyOf } from '../../ui/shortcut-gate';
import type { Beeper, Feedback } from '../scan/feedback-tones';
import { ScannerDecoder, type KeyInput, type ScanSource } from '../scan/scanner-decoder';
import type { WebHidScale } from './webhid-scale';
import {
  nextAction,
  type HandoverStep,
  type NextAction,
  type PackingMode,
  type SerialPrompt,
} from './next-action';

/** The answer to one scan, key or weight, in the screen's words (`packing.feedback.<kind>`). */
export interface PackFeedback {
  kind:
    | 'opened'
    | 'verified'
    | 'serialAsk'
    | 'serialCancelled'
    | 'photoTaken'
    | 'lineDone'
    | 'allVerified'
    | 'boxSet'
    | 'weighed'
    | 'weightWarning'
    | 'scaleSteady'
    | 'scaleZeroed'
    | 'scaleTared'
    | 'usbScaleConnected'
    | 'routed'
    | 'packed'
    | 'awaitingLabel'
    | 'awaitingPlatformLabel'
    | 'split'
    | 'combined'
    | 'combinedUnconfirmed'
    | 'uncombined'
    | 'uncombinedNothing'
    | 'released'
    | 'parcelAdded'
    | 'parcelAgain'
    | 'manifestClosed'
    | 'manifestMissing';
  tone: 'ok' | 'warning' | 'error' | 'info';
  params: Record<string, string | number>;
}

/** Why the last scan or key did nothing: the station refused it, an input method, or a key that means nothing here. */
export type PackRefusal =
  { kind: 'error'; error: AppErrorShape } | { kind: 'ime' } | { kind: 'hint'; hint: string };

export interface LastPacked {
  orderRef: string;
  state: PackCompleteResult['state'];
  trackingNumber: string | null;
  carrierName: string;
  /** The platform that prints its label (platform-shipped), else null. */
  platformLabel: string | null;
}

/** A carrier the dock can hand parcels to, and how many this bench packed for it today. */
export interface HandoverCarrier {
  carrier: string;
  name: string;
  packedHere: number;
  openManifest: boolean;
  /** The platform's own line: the shipping providers it named (their drivers take these parcels). */
  providers: string[];
}

/**
 * The bench camera as the photo step sees it. The screen's camera view owns the device (it opens
 * and closes the stream) and hands the store a way to take one JPEG frame.
 */
export interface BenchCamera {
  status: 'off' | 'starting' | 'on' | 'unavailable';
  /** Why there is no picture: no camera attached, permission refused, or the device failed. */
  problem: 'no_camera' | 'denied' | 'failed' | null;
}

/** One JPEG frame from the camera, base64 (no data: prefix). */
export type GrabFrame = () => Promise<string>;

export interface PackingState {
  mode: PackingMode;
  text: string;
  reading: boolean;
  inFlight: number;
  queue: PackQueue | null;
  session: PackSession | null;
  /** The box scanned at the weigh step (a preset code or its sheet barcode), sent with the weight. */
  box: string | null;
  feedback: PackFeedback | null;
  refusal: PackRefusal | null;
  scanned: string | null;
  /** Grows with every answer, so an old answer never passes for the new one. */
  seq: number;
  /** The last package sealed here, for the line under the next instruction. */
  lastPacked: LastPacked | null;
  handoverStep: HandoverStep;
  carriers: HandoverCarrier[];
  manifest: ManifestView | null;
  driver: string;
  summary: PackShiftSummary | null;
  /** The station scale as last read at the weigh step (null elsewhere, or before the first answer). */
  liveScale: LiveScaleReading | null;
  /** Where `liveScale` comes from: the station's scale, or a USB scale this screen reads (WebHID). */
  scaleSource: 'station' | 'usb';
  /** The station has no scale, and a USB scale could be connected here (U). */
  usbScaleConnectable: boolean;
  serialFor: SerialPrompt | null;
  /** What may be combined into the open package, asked when it opens (null: not asked yet). */
  combinable: PackCombinable | null;
  camera: BenchCamera;
  /** The camera view reports its state, and how to grab a frame while it shows a picture. */
  setCamera(camera: BenchCamera, grab: GrabFrame | null): void;
  load(): Promise<void>;
  key(input: KeyInput): 'pass' | 'taken' | 'scanned';
  resetTyping(): void;
  setText(text: string): void;
  submitTyped(): void;
  /** Enter with nothing typed: the step's one obvious action. */
  confirm(): void;
  shortcut(key: string): void;
  chooseCarrier(index: number): Promise<void>;
  setDriver(name: string): void;
  closeManifest(): Promise<void>;
  /** Resolves when every call started so far has been answered (tests, benches). */
  settled(): Promise<void>;
}

export interface PackingStoreDeps {
  api: LastmileApi;
  beeper: Beeper;
  soundOn: () => boolean;
  newActionId?: () => string;
  shortcutDelayMs?: number;
  /** How often the weigh step reads the station scale (default 250 ms). */
  scalePollMs?: number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** A USB scale read through WebHID, where the browser has it (null: no WebHID here). */
  hidScale?: WebHidScale | null;
}

export type PackingStore = StoreApi<PackingState>;

const TONE_SOUND: Record<PackFeedback['tone'], Feedback> = {
  ok: 'found',
  warning: 'unknown',
  info: 'info',
  error: 'error',
};

/** A weight typed at the weigh step: digits with an optional decimal and unit, never a barcode's length. */
const TYPED_WEIGHT = /^[0-9]{1,6}(?:[.,][0-9]{1,3})?\s*(?:g|gr|kg|kgs|lb|lbs|oz)?$/i;

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Shortcuts that only switch what the screen shows: undone if the key turns out to start a scan. */
const VIEW_KEYS: ReadonlySet<string> = new Set(['H', 'S', 'P']);

/** Shortcuts that act on the order (split, aside, other line) wait longer: they cannot be undone. */
const ACTING_KEY_DELAY_MS = 400;

/** The shortcut keys each step listens to (letters only where no code is being typed). */
function shortcutsFor(next: NextAction): ReadonlySet<string> {
  const keys = new Set(next.keys.map((k) => k.key).filter((k) => /^[A-Z]$/.test(k)));
  if (next.id === 'pick_carrier') for (const d of DIGITS) keys.add(d);
  return keys;
}

/**
 * What a scan at the weigh step names as the box: the sheet's barcode (its check character
 * verified here, so a misread is refused at once) or a typed box code with a letter in it — a
 * digits-only scan is an item's barcode, never a box.
 */
function boxCodeOf(code: string): { kind: 'box'; code: string } | { kind: 'bad_check' } | { kind: 'none' } {
  const parsed = parseBoxBarcode(code);
  if (parsed.ok) return { kind: 'box', code: parsed.code };
  if (parsed.reason === 'check_failed') return { kind: 'bad_check' };
  const plain = code.trim().toUpperCase();
  return BOX_CODE.test(plain) && /[A-Z]/.test(plain) && !plain.startsWith('BOX-')
    ? { kind: 'box', code: plain }
    : { kind: 'none' };
}

function randomActionId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `pack-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The bench is at the weigh step: the one time the station scale's reading is shown. */
const atWeighStep = (s: Pick<PackingState, 'mode' | 'session'>): boolean =>
  s.mode === 'pack' && s.session?.step === 'weigh';

const browserTimers: NonNullable<PackingStoreDeps['timers']> = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

export function createPackingStore(deps: PackingStoreDeps): PackingStore {
  const store = createPackingState(deps);
  watchStationScale(store, deps);
  return store;
}

/**
 * Reads the station scale every `scalePollMs` while the bench is at the weigh step, one call at a
 * time; stops when the step ends or the station answers that it has no scale (until the next
 * weigh step). A failed read keeps the last reading and tries again later.
 */
function watchStationScale(store: PackingStore, deps: PackingStoreDeps): void {
  const every = deps.scalePollMs ?? 250;
  const timers = deps.timers ?? browserTimers;
  let timer: unknown = null;
  let reading = false;
  const poll = async (): Promise<void> => {
    timer = null;
    if (!atWeighStep(store.getState()) || reading) return;
    reading = true;
    let next = every;
    try {
      const station = await deps.api.packScaleReading({});
      if (!atWeighStep(store.getState())) return;
      const usb = deps.hidScale ?? null;
      // The station's own scale first; a USB scale at this screen only where the station has none.
      const fromUsb = !station.configured && usb?.connected === true;
      const liveScale = fromUsb ? usb.live() : station;
      const source = {
        scaleSource: fromUsb ? ('usb' as const) : ('station' as const),
        usbScaleConnectable: !station.configured && usb !== null && !usb.connected,
      };
      // "No steady weight yet" is answered once the weight is steady: the banner says so instead.
      const stale = store.getState().refusal;
      const answered = liveScale.stable && stale?.kind === 'hint' && stale.hint === 'packing.hint.weigh';
      store.setState(
        answered
          ? {
              liveScale,
              ...source,
              refusal: null,
              feedback: { kind: 'scaleSteady', tone: 'info', params: { grams: liveScale.grams ?? 0 } },
            }
          : { liveScale, ...source },
      );
      // Without a scale, and without WebHID to connect one, there is nothing to watch.
      if (!liveScale.configured && usb === null) return;
    } catch {
      next = every * 4;
    } finally {
      reading = false;
    }
    if (atWeighStep(store.getState())) timer = timers.setTimeout(() => void poll(), next);
  };
  // Remembered here, not read from the previous state: a session object may be updated in place.
  let before = false;
  store.subscribe((s) => {
    const now = atWeighStep(s);
    const was = before;
    before = now;
    if (now && !was && timer === null) void poll();
    if (!now && was) {
      timers.clearTimeout(timer);
      timer = null;
      if (s.liveScale !== null || s.usbScaleConnectable)
        store.setState({ liveScale: null, scaleSource: 'station', usbScaleConnectable: false });
    }
  });
}

function createPackingState(deps: PackingStoreDeps): PackingStore {
  const { api } = deps;
  const decoder = new ScannerDecoder();
  const newActionId = deps.newActionId ?? randomActionId;
  // Answers come in the order the packer acted: a fast second scan never overtakes the first.
  let chain: Promise<unknown> = Promise.resolve();
  /** The screen before the last shortcut, to go back to when that key proves to be a scan's first. */
  let modeBeforeShortcut: PackingMode | null = null;
  let grabFrame: GrabFrame | null = null;

  return createStore<PackingState>()((set, get) => {
    const sound = (tone: PackFeedback['tone']): void => {
      if (deps.soundOn()) deps.beeper.play(TONE_SOUND[tone]);
    };
    const refuse = (refusal: PackRefusal, scanned: string | null = null): void => {
      set((s) => ({ refusal, scanned, feedback: null, seq: s.seq + 1, reading: false }));
      sound(refusal.kind === 'hint' ? 'warning' : 'error');
    };
    const hint = (key: string): void => refuse({ kind: 'hint', hint: key });
    const say = (feedback: PackFeedback, scanned: string | null, more: Partial<PackingState> = {}): void => {
      set((s) => ({ feedback, refusal: null, scanned, seq: s.seq + 1, reading: false, ...more }));
      sound(feedback.tone);
    };
    const next = (): NextAction => nextAction(get());

    /** One call at a time, in order; a refusal is shown in red with the error sound. */
    const queued = (run: () => Promise<void>, scanned: string | null): Promise<void> => {
      const task = async (): Promise<void> => {
        set((s) => ({ inFlight: s.inFlight + 1 }));
        try {
          await run();
        } catch (err) {
          refuse({ kind: 'error', error: toErrorShape(err) }, scanned);
          // The bench may have moved on (another tab, a cancelled order): show where it stands,
          // without dimming the refusal while that is read.
          if (get().mode === 'pack') void readSession();
        } finally {
          set((s) => ({ inFlight: s.inFlight - 1 }));
        }
      };
      const p = chain.then(task, task);
      chain = p;
      return p;
    };

    /** Asked once per opened package (the platform may be asked): the K key shows from its answer. */
    const readCombinable = async (): Promise<void> => {
      const packageId = get().session?.packageId;
      if (!packageId) {
        set({ combinable: null });
        return;
      }
      try {
        const combinable = await api.packCombinable({});
        if (get().session?.packageId === packageId) set({ combinable });
      } catch {
        set({ combinable: null });
      }
    };

    const readSession = async (): Promise<void> => {
      try {
        const { session } = await api.packState({});
        const before = get().session?.packageId ?? null;
        set((s) => {
          const same = session !== null && s.session?.packageId === session.packageId;
          return { session, box: same ? s.box : null, serialFor: same ? s.serialFor : null };
        });
        // A package opened elsewhere (a restart, a split's next package): ask what may join it.
        if ((session?.packageId ?? null) !== before) await readCombinable();
      } catch {
        // The refusal on screen already says what went wrong.
      }
    };

    const refreshLists = async (): Promise<void> => {
      try {
        const [queue, summary] = await Promise.all([api.packQueue({}), api.packShiftSummary({})]);
        set({ queue, summary });
      } catch (err) {
        refuse({ kind: 'error', error: toErrorShape(err) });
      }
    };

    const showRoute = (r: Awaited<ReturnType<LastmileApi['packRoute']>>): void => {
      const chosen = r.route.chosen === 'backup' ? r.route.backup : r.route.primary;
      say(
        {
          kind: 'routed',
          tone: r.route.chosen === 'backup' ? 'warning' : 'ok',
          params: { carrier: chosen?.carrierName ?? '', line: r.route.chosen },
        },
        null,
        { session: r.session },
      );
    };

    const showScanned = (
      r: Awaited<ReturnType<LastmileApi['packScanItem']>>,
      code: string,
      shown: string | null,
    ): void => {
      const line = r.session.lines.find((l) => l.lineRef === r.lineRef);
      const name = line?.productName ?? code;
      say(
        r.allVerified
          ? { kind: 'allVerified', tone: 'ok', params: {} }
          : r.remaining === 0
            ? { kind: 'lineDone', tone: 'ok', params: { name } }
            : { kind: 'verified', tone: 'ok', params: { name, remaining: r.remaining } },
        shown,
        { session: r.session },
      );
    };

    const capture = (): void => {
      const grab = grabFrame;
      if (!grab || get().camera.status !== 'on') return hint('packing.hint.noCamera');
      void queued(async () => {
        const dataBase64 = await grab();
        const r = await api.packPhoto({ dataBase64, clientActionId: newActionId() });
        say({ kind: 'photoTaken', tone: 'ok', params: {} }, null, { session: r.session });
      }, null);
    };

    /** U at the weigh step: the browser's device chooser (the desktop shell picks the scale itself). */
    const connectUsbScale = (): void => {
      const usb = deps.hidScale;
      if (!usb) return;
      void queued(async () => {
        // A chooser closed without a choice is not an error: the packer types the weight instead.
        const connected = await usb.connect().catch(() => false);
        if (!connected) return hint('packing.hint.noUsbScale');
        say({ kind: 'usbScaleConnected', tone: 'ok', params: { name: usb.name } }, null, {
          usbScaleConnectable: false,
        });
      }, null);
    };

    const route = (choose?: 'primary' | 'backup'): Promise<void> =>
      queued(async () => {
        showRoute(await api.packRoute({ ...(choose ? { choose } : {}), clientActionId: newActionId() }));
      }, null);

    const weigh = (
      reading: Parameters<LastmileApi['packWeigh']>[0]['reading'],
      shown: string | null,
    ): void => {
      const box = get().box;
      if (!box) return hint('packing.hint.scanBox');
      void queued(async () => {
        const r = await api.packWeigh({
          reading,
          box: { kind: 'preset', code: box },
          clientActionId: newActionId(),
        });
        const w = r.weight;
        say(
          {
            kind: w.warning ? 'weightWarning' : 'weighed',
            tone: w.warning ? 'warning' : 'ok',
            params: { grams: w.grams, expected: w.expected.expectedGrams ?? 0 },
          },
          shown,
          { session: r.session },
        );
        // Weighed: the route follows by itself, so the next thing on screen is the carrier and Enter.
        if (r.session.step === 'route') showRoute(await api.packRoute({ clientActionId: newActionId() }));
      }, shown);
    };

    const complete = (): void => {
      void queued(async () => {
        const sealed = get().session;
        const r = await api.packComplete({ clientActionId: newActionId() });
        const route = sealed?.route;
        const platformLabel = sealed?.platformLabel ?? null;
        const carrierName =
          platformLabel ??
          (route?.chosen === 'backup' ? route.backup?.carrierName : route?.primary.carrierName) ??
          r.carrier;
        const lastPacked: LastPacked = {
          orderRef: sealed?.orderRef ?? r.orderId,
          state: r.state,
          trackingNumber: r.trackingNumber,
          carrierName,
          platformLabel,
        };
        say(
          r.state === 'packed'
            ? {
                kind: 'packed',
                tone: 'ok',
                params: { carrier: carrierName, tracking: r.trackingNumber ?? '' },
              }
            : platformLabel
              ? { kind: 'awaitingPlatformLabel', tone: 'info', params: { platform: platformLabel } }
              : { kind: 'awaitingLabel', tone: 'info', params: { carrier: carrierName } },
          r.trackingNumber,
          { lastPacked, session: null, box: null, serialFor: null },
        );
        // A split's second package may be opened next by the core: show it at once.
        await readSession();
        await refreshLists();
      }, null);
    };

    const submit = (raw: string, source: ScanSource): void => {
      set({ text: '', reading: false });
      const state = get();
      const step = nextAction(state);
      const single = raw.trim().toUpperCase();
      if (single.length === 1 && shortcutsFor(step).has(single)) {
        get().shortcut(single);
        return;
      }
      if (step.id === 'driver') {
        set({ driver: raw });
        return;
      }
      if ((step.id === 'weigh' || step.id === 'scan_box') && TYPED_WEIGHT.test(raw.trim())) {
        weigh({ kind: 'typed', text: raw.trim() }, raw.trim());
        return;
      }
      let code: string;
      try {
        code = normaliseScan(raw).code;
      } catch (err) {
        refuse({ kind: 'error', error: toErrorShape(err) }, null);
        return;
      }
      const shown = displayCode(code);
      switch (step.id) {
        case 'summary':
        case 'scan_order':
          set({ mode: 'pack' });
          void queued(async () => {
            const session = await api.packOpen({ code, source, clientActionId: newActionId() });
            say(
              {
                kind: 'opened',
                tone: 'ok',
                params: {
                  orderRef: session.orderRef,
                  count: session.lines.reduce((n, l) => n + l.remaining, 0),
                },
              },
              shown,
              { session, box: null, combinable: null },
            );
            // A parcel rebooked after its cut-off opens sealed and weighed: straight to its carrier.
            if (session.step === 'route') showRoute(await api.packRoute({ clientActionId: newActionId() }));
            else await readCombinable();
          }, shown);
          return;
        case 'scan_item':
          void queued(async () => {
            let r: Awaited<ReturnType<LastmileApi['packScanItem']>>;
            try {
              r = await api.packScanItem({ code, source, clientActionId: newActionId() });
            } catch (err) {
              const e = toErrorShape(err);
              if (e.code !== 'PACK_SERIAL_REQUIRED') throw err;
              // Not counted yet: the station wants this unit's serial number, scanned next.
              const line = get().session?.lines.find((l) => l.sku === e.params?.sku);
              const name = line?.productName ?? String(e.params?.sku ?? code);
              say({ kind: 'serialAsk', tone: 'info', params: { name } }, shown, {
                serialFor: { code, sku: String(e.params?.sku ?? code), name },
              });
              return;
            }
            showScanned(r, code, shown);
          }, shown);
          return;
        case 'scan_serial': {
          const prompt = state.serialFor;
          if (!prompt) return;
          void queued(async () => {
            // A refusal (an item scanned as the serial, a serial twice) keeps the prompt: scan the serial again.
            const r = await api.packScanItem({
              code: prompt.code,
              source,
              serial: code,
              clientActionId: newActionId(),
            });
            set({ serialFor: null });
            showScanned(r, prompt.code, shown);
          }, shown);
          return;
        }
        case 'photo':
          hint('packing.hint.photoFirst');
          return;
        case 'scan_box':
        case 'weigh': {
          const box = boxCodeOf(code);
          if (box.kind === 'bad_check') {
            refuse({ kind: 'error', error: { code: 'BOX_CODE_INVALID', params: { scanned: shown } } }, shown);
            return;
          }
          if (box.kind === 'none') return hint('packing.hint.scanBox');
          say({ kind: 'boxSet', tone: 'ok', params: { code: box.code } }, shown, { box: box.code });
          return;
        }
        case 'route':
        case 'complete':
          hint('packing.hint.sealFirst');
          return;
        case 'pick_carrier':
          hint('packing.hint.pickCarrierFirst');
          return;
        case 'scan_parcel': {
          const manifest = state.manifest;
          if (!manifest) return hint('packing.hint.pickCarrierFirst');
          void queued(async () => {
            const r = await api.manifestScan({
              manifestId: manifest.id,
              code,
              source,
              clientActionId: newActionId(),
            });
            say(
              {
                kind: r.added ? 'parcelAdded' : 'parcelAgain',
                tone: r.added ? 'ok' : 'warning',
                params: { tracking: r.trackingNumber, count: r.manifest.totals.parcels },
              },
              shown,
              { manifest: r.manifest },
            );
          }, shown);
          return;
        }
        case 'closed':
          hint('packing.hint.nextCarrier');
          return;
      }
    };

    const gate = new ShortcutGate(deps.shortcutDelayMs ?? 160, (key) => get().shortcut(key));

    const startHandover = (): void => {
      set({ mode: 'handover', handoverStep: 'carrier', manifest: null, driver: '', refusal: null });
      void queued(async () => {
        // The dock's own count, by the carrier each parcel has now: a platform parcel is under the
        // carrier the platform picked once its label came, and a restart forgets nothing.
        const [open, waiting] = await Promise.all([
          api.manifestList({ status: 'open' }),
          api.packDockCarriers({}),
        ]);
        const carriers = new Map<string, HandoverCarrier>();
        for (const m of open) {
          carriers.set(m.carrier, {
            carrier: m.carrier,
            name: m.carrierName,
            packedHere: 0,
            openManifest: true,
            providers: [],
          });
        }
        for (const w of waiting) {
          carriers.set(w.carrier, {
            carrier: w.carrier,
            name: w.carrierName,
            packedHere: w.parcels,
            openManifest: carriers.get(w.carrier)?.openManifest ?? false,
            providers: w.providers ?? [],
          });
        }
        set({ carriers: [...carriers.values()].sort((a, b) => a.name.localeCompare(b.name)) });
      }, null);
    };

    return {
      mode: 'pack',
      text: '',
      reading: false,
      inFlight: 0,
      queue: null,
      session: null,
      box: null,
      feedback: null,
      refusal: null,
      scanned: null,
      seq: 0,
      lastPacked: null,
      handoverStep: 'carrier',
      carriers: [],
      manifest: null,
      driver: '',
      summary: null,
      liveScale: null,
      scaleSource: 'station',
      usbScaleConnectable: false,
      serialFor: null,
      combinable: null,
      camera: { status: 'off', problem: null },

      setCamera(camera, grab) {
        grabFrame = grab;
        set({ camera });
      },

      async load() {
        await readSession();
        await refreshLists();
      },

      key(input) {
        if (gate.holding) {
          const held = gate.next(input);
          if (held) decoder.key(held);
        } else {
          const taken = decoder.text.length === 0 ? gate.takeBack(input) : null;
          // Only a screen switch can be undone; a key that acted (a carrier chosen) stays done.
          const back = taken && VIEW_KEYS.has(taken.key) ? taken : null;
          if (back) {
            // It was a scan after all: the screen goes back and the letter starts the code.
            if (modeBeforeShortcut) set({ mode: modeBeforeShortcut });
            decoder.key(back.input);
          } else {
            const key = shortcutKeyOf(input);
            if (key && decoder.text.length === 0 && shortcutsFor(next()).has(key)) {
              gate.hold(
                key,
                input,
                VIEW_KEYS.has(key) || DIGITS.includes(key) ? undefined : ACTING_KEY_DELAY_MS,
              );
              return 'taken';
            }
          }
        }
        const result = decoder.key(input);
        switch (result.kind) {
          case 'pass':
            if (input.code === 'Escape') {
              get().shortcut('Escape');
              return 'taken';
            }
            return 'pass';
          case 'typed':
            set({ text: result.text, reading: result.text.length > 0 });
            return 'taken';
          case 'submit':
            submit(result.text, result.source);
            return 'scanned';
          case 'ime':
            decoder.reset();
            set({ text: '' });
            refuse({ kind: 'ime' });
            return 'taken';
        }
      },

      resetTyping() {
        decoder.reset();
        gate.drop();
        set({ text: '', reading: false });
      },

      setText(text) {
        set({ text: decoder.replace(text), reading: text.length > 0 });
      },

      submitTyped() {
        const text = decoder.text;
        decoder.reset();
        if (text.length === 0) get().confirm();
        else submit(text, 'keyboard');
      },

      confirm() {
        const s = get();
        switch (next().id) {
          case 'scan_order':
            return hint('packing.hint.scanOrder');
          case 'scan_item':
            return hint('packing.hint.scanItem');
          case 'scan_serial':
            return hint('packing.hint.scanSerial');
          case 'photo':
            return hint('packing.hint.photoFirst');
          case 'scan_box':
            return hint('packing.hint.scanBox');
          case 'weigh':
            // The screen waits for a steady weight it can see; the station still checks its own.
            if (s.scaleSource === 'usb') {
              const usbReading = deps.hidScale?.reading();
              return usbReading ? weigh(usbReading, null) : hint('packing.hint.weigh');
            }
            if (s.liveScale?.configured && !s.liveScale.stable) return hint('packing.hint.weigh');
            return weigh({ kind: 'station_scale' }, null);
          case 'route':
            void route();
            return;
          case 'complete':
            return complete();
          case 'pick_carrier':
            return hint('packing.hint.pickCarrier');
          case 'scan_parcel':
            if (!s.manifest || s.manifest.totals.parcels === 0) return hint('packing.hint.scanParcel');
            set({ handoverStep: 'driver', refusal: null });
            return;
          case 'driver':
            void get().closeManifest();
            return;
          case 'closed':
            return startHandover();
          case 'summary':
            set({ mode: 'pack' });
            return;
        }
      },

      shortcut(key) {
        const s = get();
        const step = next();
        modeBeforeShortcut = s.mode;
        if (key === 'Escape') {
          if (step.id === 'scan_serial') {
            say({ kind: 'serialCancelled', tone: 'info', params: {} }, null, { serialFor: null });
          } else if (step.id === 'driver') set({ handoverStep: 'scan' });
          else if (s.mode !== 'pack') set({ mode: 'pack' });
          return;
        }
        if (!shortcutsFor(step).has(key)) return;
        switch (key) {
          case 'H':
            return startHandover();
          case 'P':
            set({ mode: 'pack' });
            void refreshLists();
            return;
          case 'S':
            set({ mode: 'summary' });
            void refreshLists();
            return;
          case 'A':
            void queued(async () => {
              const r = await api.packRelease({ clientActionId: newActionId() });
              say({ kind: 'released', tone: 'info', params: {} }, null, {
                session: r.session,
                box: null,
                serialFor: null,
              });
              await refreshLists();
            }, null);
            return;
          case 'X': {
            const session = s.session;
            if (!session) return;
            const lines = session.lines
              .filter((l) => l.remaining > 0)
              .map((l) => ({ lineRef: l.lineRef, quantity: l.remaining }));
            void queued(async () => {
              const r = await api.packSplit({ lines, clientActionId: newActionId() });
              say({ kind: 'split', tone: 'info', params: { packageNo: r.newPackage.packageNo } }, null, {
                session: r.session,
              });
            }, null);
            return;
          }
          case 'K': {
            const offer = s.combinable?.orders[0];
            if (!offer) return;
            void queued(async () => {
              const r = await api
                .packCombine({ orderId: offer.orderId, clientActionId: newActionId() })
                .catch(async (err: unknown) => {
                  // Refused (the platform changed its mind): the offer is asked again, so K goes.
                  await readCombinable();
                  throw err;
                });
              // Unconfirmed (the platform could not be asked): said as a warning, checked at sealing.
              const kind = r.confirmed ? 'combined' : 'combinedUnconfirmed';
              say(
                { kind, tone: r.confirmed ? 'info' : 'warning', params: { orderRef: offer.orderRef } },
                null,
                {
                  session: r.session,
                  box: null,
                  combinable: null,
                },
              );
              await readCombinable();
              await refreshLists();
            }, null);
            return;
          }
          case 'R': {
            const last = s.session?.combined[s.session.combined.length - 1];
            if (!last) return;
            void queued(async () => {
              const r = await api.packUncombine({ orderId: last.orderId, clientActionId: newActionId() });
              // Items of that order already in the box must come out: a warning the clerk acts on.
              say(
                r.itemsOut > 0
                  ? {
                      kind: 'uncombined',
                      tone: 'warning',
                      params: { orderRef: r.orderRef, count: r.itemsOut },
                    }
                  : { kind: 'uncombinedNothing', tone: 'info', params: { orderRef: r.orderRef } },
                null,
                { session: r.session, box: null, combinable: null },
              );
              await readCombinable();
              await refreshLists();
            }, null);
            return;
          }
          case 'C':
            return capture();
          case 'U':
            return connectUsbScale();
          case 'Z':
          case 'T':
            void queued(async () => {
              const r = await api.packScaleCommand({ command: key === 'Z' ? 'zero' : 'tare' });
              say(
                r.command === 'zero'
                  ? { kind: 'scaleZeroed', tone: 'info', params: {} }
                  : { kind: 'scaleTared', tone: 'info', params: { grams: r.tareGrams } },
                null,
              );
            }, null);
            return;
          case 'L': {
            const r = s.session?.route;
            if (r) void route(r.chosen === 'backup' ? 'primary' : 'backup');
            return;
          }
          default:
            if (DIGITS.includes(key)) void get().chooseCarrier(Number(key) - 1);
        }
      },

      async chooseCarrier(index) {
        const carrier = get().carriers[index];
        if (!carrier) return hint('packing.hint.pickCarrier');
        await queued(async () => {
          const manifest = await api.manifestOpen({
            carrier: carrier.carrier,
            clientActionId: newActionId(),
          });
          set((s) => ({ manifest, handoverStep: 'scan', refusal: null, feedback: null, seq: s.seq + 1 }));
        }, null);
      },

      setDriver: (driver) => set({ driver }),

      async closeManifest() {
        const s = get();
        const manifest = s.manifest;
        if (!manifest) return;
        const driverName = s.driver.trim();
        if (driverName === '') return hint('packing.hint.driver');
        await queued(async () => {
          const r = await api.manifestClose({
            manifestId: manifest.id,
            driverName,
            clientActionId: newActionId(),
          });
          const missing = r.manifest.missing.length;
          say(
            missing > 0
              ? { kind: 'manifestMissing', tone: 'warning', params: { count: missing } }
              : { kind: 'manifestClosed', tone: 'ok', params: { driver: driverName } },
            null,
            { manifest: r.manifest, handoverStep: 'closed' },
          );
          await refreshLists();
        }, null);
      },

      settled: () =>
        chain.then(
          () => undefined,
          () => undefined,
        ),
    };
  });
}
