import type { SCALE_FAULT_CODES } from '../../shared/scales/live-reading';
import type { ScaleReading } from '../../shared/scales/scale-reading';

/**
 * One interface for every scale the packing bench may have: a USB HID POS scale, a serial
 * MT-SICS or CAS scale, or the keyboard. Drivers only turn bytes into readings; which reading the
 * station may take is the weighing policy's decision (src/shared/scales/stable-weight.ts, run by
 * ScaleMonitor). Transports are injected — raw HID reports, a duplex byte stream — so tests drive
 * drivers with byte-level fakes and a real TCP socket, and no native module is needed.
 */
export type ScaleKind = 'hid-pos' | 'mt-sics' | 'cas' | 'typed';

/** What went wrong at the scale, for the screen (translated) and the log. */
export type ScaleFaultCode = (typeof SCALE_FAULT_CODES)[number];

export type ScaleEvent =
  | { type: 'reading'; reading: ScaleReading }
  | { type: 'fault'; code: ScaleFaultCode; detail: string; at: number }
  | { type: 'closed'; reason: string; at: number };

export interface Scale {
  readonly kind: ScaleKind;
  /** The configured name of this scale on the station ("bench 3 scale"). */
  readonly id: string;
  /** Every event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: ScaleEvent) => void): () => void;
  /** Sets the current load as zero (serial scales; HID scales are zeroed with their button). */
  zero?(): Promise<void>;
  /** Takes the current load as tare; answers the tare weight in grams. */
  tare?(): Promise<number>;
  /** Stops polling and releases the transport. */
  close(): Promise<void>;
}

/** A command the scale refused or did not answer. */
export class ScaleCommandError extends Error {
  constructor(
    readonly reason: 'busy' | 'out_of_range' | 'refused' | 'no_answer' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'ScaleCommandError';
  }
}

/** The listener set every driver keeps; a throwing listener does not stop the others. */
export class ScaleListeners {
  private readonly listeners = new Set<(event: ScaleEvent) => void>();

  add(listener: (event: ScaleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ScaleEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A screen's handler failing must not stop the weighing for the others.
      }
    }
  }
}
