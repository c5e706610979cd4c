import type { PackReading } from '../../../../shared/calls/packing';
import {
  HID_SCALE_USAGE_PAGE,
  hidReportToReading,
  parseHidScaleReport,
} from '../../../../shared/scales/hid-pos-report';
import { liveStateOf, type LiveScaleReading } from '../../../../shared/scales/live-reading';
import { DEFAULT_STABILITY_POLICY, StableWeightTracker } from '../../../../shared/scales/stable-weight';

/** The part of WebHID (`navigator.hid`) the bench uses, so tests hand in a double. */
export interface HidLike {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: { filters: Array<{ usagePage: number }> }): Promise<HidDeviceLike[]>;
  addEventListener(type: 'disconnect', listener: (event: { device: HidDeviceLike }) => void): void;
}

export interface HidDeviceLike {
  readonly opened: boolean;
  readonly productName: string;
  readonly collections: ReadonlyArray<{ usagePage?: number }>;
  open(): Promise<void>;
  addEventListener(
    type: 'inputreport',
    listener: (event: { reportId: number; data: DataView }) => void,
  ): void;
}

const isScale = (device: HidDeviceLike): boolean =>
  device.collections.some((c) => c.usagePage === HID_SCALE_USAGE_PAGE);

/**
 * A USB HID POS scale plugged into the packing PC, read by the screen itself through WebHID when
 * the station has no scale of its own (settings `scaleKind` none). Its reports are parsed and
 * judged by the same shared code as the station's drivers; only a weight held still is offered,
 * and the station checks the reading's flags again. Such scales report on change, so silence is
 * not "unplugged": the disconnect event is.
 */
export class WebHidScale {
  private device: HidDeviceLike | null = null;
  private tracker = this.freshTracker();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly hid: HidLike,
    private readonly now: () => number = Date.now,
  ) {
    hid.addEventListener('disconnect', ({ device }) => {
      if (device !== this.device) return;
      this.device = null;
      this.tracker = this.freshTracker();
      this.changed();
    });
  }

  get connected(): boolean {
    return this.device !== null;
  }

  get name(): string {
    return this.device?.productName ?? '';
  }

  /** Opens a scale this page was already allowed to use (after a reload, or a replug). */
  async reconnect(): Promise<boolean> {
    if (this.device) return true;
    const device = (await this.hid.getDevices()).find(isScale);
    return device ? this.attach(device) : false;
  }

  /** Asks for a scale (a key press gives the page the user gesture WebHID wants). */
  async connect(): Promise<boolean> {
    if (this.device) return true;
    const chosen = await this.hid.requestDevice({ filters: [{ usagePage: HID_SCALE_USAGE_PAGE }] });
    const device = chosen.find(isScale);
    return device ? this.attach(device) : false;
  }

  live(): LiveScaleReading {
    return {
      configured: this.device !== null,
      kind: 'hid-pos',
      lastFault: null,
      commands: [],
      ...liveStateOf(this.tracker.state(this.now())),
    };
  }

  /** The weight to send when the packer presses Enter: only one held still. */
  reading(): PackReading | null {
    const state = this.tracker.state(this.now());
    if (state.kind !== 'stable') return null;
    return { kind: 'scale', grams: state.grams, stable: true, overRange: false, underZero: false };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async attach(device: HidDeviceLike): Promise<boolean> {
    if (!device.opened) await device.open();
    device.addEventListener('inputreport', (event) => {
      if (device !== this.device) return;
      const data = new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength);
      const parsed = parseHidScaleReport(data, event.reportId);
      // Other reports (a scale's status or vendor reports) carry no weight: not a fault.
      if (!parsed.ok) return;
      this.tracker.push(hidReportToReading(parsed.report, this.now()));
      this.changed();
    });
    this.device = device;
    this.tracker = this.freshTracker();
    this.changed();
    return true;
  }

  private freshTracker(): StableWeightTracker {
    return new StableWeightTracker({ ...DEFAULT_STABILITY_POLICY, unpluggedAfterMs: null });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * The page's USB scale, where the browser has WebHID (Chromium, the desktop app); a scale granted
 * before is opened at once, so a reload or a replug needs no key.
 */
export function browserHidScale(): WebHidScale | null {
  const hid = (globalThis as { navigator?: { hid?: HidLike } }).navigator?.hid;
  if (!hid) return null;
  const scale = new WebHidScale(hid);
  void scale.reconnect().catch(() => false);
  return scale;
}
