import { hidReportToReading, parseHidScaleReport } from '../../shared/scales/hid-pos-report';
import type { Clock } from '../clock';
import { ScaleListeners, type Scale, type ScaleEvent } from './scale';

/**
 * A USB HID POS scale (usage page 0x8D) read from raw input reports. The transport is anything
 * that hands over report bytes: node-hid's `HID` object (optional — not a dependency of this app;
 * its `data` buffers start with the report id), or a test double. In the desktop app the renderer
 * reads the same reports through WebHID and parses them with the same shared parser.
 */
export interface HidReportSource {
  on(event: 'data', listener: (data: Uint8Array) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

export interface HidPosScaleOptions {
  id: string;
  device: HidReportSource;
  clock: Clock;
}

export class HidPosScale implements Scale {
  readonly kind = 'hid-pos' as const;
  readonly id: string;
  private readonly listeners = new ScaleListeners();
  private closed = false;

  constructor(private readonly options: HidPosScaleOptions) {
    this.id = options.id;
    options.device.on('data', (data) => this.report(data));
    options.device.on('error', (err) => this.shut(`the scale was unplugged or failed: ${err.message}`));
  }

  subscribe(listener: (event: ScaleEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.options.device.close();
      this.shut('closed by the station');
    }
    return Promise.resolve();
  }

  private report(data: Uint8Array): void {
    if (this.closed) return;
    const at = this.options.clock.now();
    const parsed = parseHidScaleReport(data);
    if (!parsed.ok) {
      // Scales also send other reports (id 4 = scale attributes); only unreadable weight reports are faults.
      if (parsed.reason !== 'not_a_weight_report') {
        this.listeners.emit({
          type: 'fault',
          code: 'unreadable',
          detail: `${parsed.reason}: ${parsed.detail}`,
          at,
        });
      }
      return;
    }
    const { report } = parsed;
    if (report.status === 'fault') {
      this.listeners.emit({ type: 'fault', code: 'scale_error', detail: 'the scale reports a fault', at });
    } else if (report.status === 'needs_calibration' || report.status === 'needs_rezero') {
      this.listeners.emit({
        type: 'fault',
        code: report.status,
        detail:
          report.status === 'needs_calibration'
            ? 'the scale must be calibrated'
            : 'the scale must be re-zeroed',
        at,
      });
    } else {
      this.listeners.emit({ type: 'reading', reading: hidReportToReading(report, at) });
    }
  }

  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.emit({ type: 'closed', reason, at: this.options.clock.now() });
  }
}
