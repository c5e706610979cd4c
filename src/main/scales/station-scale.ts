import type { Duplex } from 'node:stream';
import { AppError } from '../../shared/errors';
import {
  liveStateOf,
  type LiveScaleReading,
  type ScaleCommand,
  type ScaleCommandResult,
} from '../../shared/scales/live-reading';
import type { StabilityPolicy } from '../../shared/scales/stable-weight';
import {
  parseScaleAddress,
  type ScaleAddress,
  type StationScaleKind,
} from '../../shared/scales/station-scale-settings';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { systemTimers, type Timers } from '../printing/queue/timers';
import { CasScale } from './cas-scale';
import { HidPosScale, type HidReportSource } from './hid-pos-scale';
import { MtSicsScale } from './mt-sics-scale';
import { ScaleCommandError, type Scale } from './scale';
import { ScaleMonitor, type MonitorSnapshot } from './scale-monitor';
import { openScaleTransport, type ScaleTransportOpener } from './scale-transport';

/** The scale the settings name: its kind and where it is (settings `scaleKind`, `scaleAddress`). */
export interface StationScaleConfig {
  kind: StationScaleKind;
  address: string;
}

export interface StationScaleOptions {
  config: () => StationScaleConfig;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  open?: ScaleTransportOpener;
  policy?: Partial<StabilityPolicy>;
  pollMs?: number;
  /** Waits between reconnect attempts: base, doubled each failure up to cap (default 500 ms … 10 s). */
  backoff?: { baseMs?: number; capMs?: number };
}

interface Connection {
  key: string;
  scale: Scale;
  monitor: ScaleMonitor;
}

/**
 * The packing bench's own scale, as the settings name it: opens the transport, runs the driver
 * and its ScaleMonitor, and keeps at it — a line that closes (cable pulled, bridge restarted) or
 * cannot be opened shows `unplugged` and is opened again with backoff, never an error to the
 * packer. A change of the settings closes the old line and opens the new one (`refresh`, called
 * by the settings handler and on every live-reading call, so a change made by the CLI is seen).
 */
export class StationScale {
  private readonly timers: Timers;
  private readonly open: ScaleTransportOpener;
  private key = 'none';
  private kind: StationScaleKind = 'none';
  /** The first open of this configuration is under way: the screen says "waiting", not "unplugged". */
  private opening = false;
  private connection: Connection | null = null;
  /** Bumped by every (re)configuration and by close: an attempt of an older one gives up. */
  private generation = 0;
  private retryTimer: unknown = null;
  private failures = 0;
  private lastReadingAt: number | null = null;
  private lastFault: MonitorSnapshot['lastFault'] = null;
  private closed = false;
  private readonly listeners = new Set<(snapshot: MonitorSnapshot | null) => void>();

  constructor(private readonly options: StationScaleOptions) {
    this.timers = options.timers ?? systemTimers;
    this.open = options.open ?? openScaleTransport;
    this.refresh();
  }

  /** Reopens when the configured scale changed; nothing otherwise. */
  refresh(): void {
    if (this.closed) return;
    const config = this.options.config();
    const address = config.kind === 'none' ? null : parseScaleAddress(config.address.trim());
    const key = address ? `${config.kind} ${config.address.trim()}` : 'none';
    if (key === this.key) return;
    this.key = key;
    this.kind = address ? config.kind : 'none';
    this.disconnect();
    this.opening = address !== null;
    this.failures = 0;
    this.lastReadingAt = null;
    this.lastFault = null;
    if (address && config.kind !== 'none') void this.connect(config.kind, address, key, this.generation);
    this.publish();
  }

  /** The monitor's state; null when the station has no scale. Between lines it is unplugged. */
  snapshot(): MonitorSnapshot | null {
    if (this.key === 'none') return null;
    if (this.connection) return this.connection.monitor.snapshot();
    if (this.opening) return { state: { kind: 'waiting' }, lastFault: null, closed: true };
    return {
      state: {
        kind: 'unplugged',
        lastReadingAt: this.lastReadingAt,
        silentMs: this.lastReadingAt === null ? 0 : this.options.clock.now() - this.lastReadingAt,
      },
      lastFault: this.lastFault,
      closed: true,
    };
  }

  /** What the packing screen shows (contract `packScaleReading`). */
  live(): LiveScaleReading {
    const { kind } = this;
    const snapshot = this.snapshot();
    if (!snapshot || kind === 'none') {
      return {
        configured: false,
        kind: 'none',
        state: 'waiting',
        grams: null,
        stable: false,
        lastFault: null,
        commands: [],
      };
    }
    const fault = snapshot.lastFault ? { code: snapshot.lastFault.code, at: snapshot.lastFault.at } : null;
    return {
      configured: true,
      kind,
      lastFault: fault,
      commands: this.commands(),
      ...liveStateOf(snapshot.state),
    };
  }

  /**
   * Zeroes the scale or takes its load as tare (Z / T at the bench). The next readings already
   * come net of it, so the monitor needs nothing else; a refusal is the packer's to act on
   * (translated), never a fault of the line.
   */
  async command(command: ScaleCommand): Promise<ScaleCommandResult> {
    const scale = this.connected();
    if (!scale) throw new AppError('PACK_SCALE_UNAVAILABLE');
    const run = command === 'zero' ? scale.zero?.bind(scale) : scale.tare?.bind(scale);
    if (!run) throw new AppError('PACK_SCALE_NO_COMMAND', { command, kind: this.kind });
    try {
      const tare = await run();
      return { command, tareGrams: typeof tare === 'number' ? Math.round(tare) : 0 };
    } catch (err) {
      if (!(err instanceof ScaleCommandError)) throw err;
      throw new AppError(COMMAND_REFUSAL[err.reason], { command });
    }
  }

  /** Every change of state, of line, or of configuration. */
  onChange(listener: (snapshot: MonitorSnapshot | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    this.disconnect();
    this.listeners.clear();
    return Promise.resolve();
  }

  /** The scale, while its line is open and answering: one that went quiet takes no command. */
  private connected(): Scale | null {
    const snapshot = this.snapshot();
    if (!snapshot || snapshot.closed || snapshot.state.kind === 'unplugged') return null;
    return this.connection?.scale ?? null;
  }

  private commands(): ScaleCommand[] {
    const scale = this.connected();
    if (!scale) return [];
    return [...(scale.zero ? ['zero' as const] : []), ...(scale.tare ? ['tare' as const] : [])];
  }

  private disconnect(): void {
    this.generation++;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const c = this.connection;
    this.connection = null;
    if (c) {
      c.monitor.stop();
      void c.scale.close();
    }
  }

  private async connect(
    kind: Exclude<StationScaleKind, 'none'>,
    address: ScaleAddress,
    key: string,
    generation: number,
  ) {
    let stream: Duplex;
    try {
      stream = await this.open(address);
    } catch (err) {
      if (generation !== this.generation) return;
      this.opening = false;
      // Logged once per outage, not every retry: a scale switched off for the night is normal.
      if (this.failures === 0)
        this.options.logger.warn('the packing scale cannot be opened', { address: key, error: err });
      this.retry(kind, address, key, generation);
      return;
    }
    if (generation !== this.generation) {
      stream.destroy();
      return;
    }
    const scale = this.driver(kind, stream);
    const monitor = new ScaleMonitor({
      scale,
      clock: this.options.clock,
      timers: this.timers,
      ...(this.options.policy ? { policy: this.options.policy } : {}),
    });
    this.connection?.monitor.stop();
    this.connection = { key, scale, monitor };
    this.opening = false;
    scale.subscribe((event) => {
      if (event.type === 'reading') {
        this.lastReadingAt = event.reading.at;
        this.failures = 0;
      } else if (event.type === 'fault') {
        this.lastFault = event;
      } else if (generation === this.generation && this.connection?.scale === scale) {
        this.options.logger.warn('the packing scale line closed; opening it again', {
          address: key,
          reason: event.reason,
        });
        this.retry(kind, address, key, generation);
      }
    });
    monitor.onChange(() => this.publish());
    this.publish();
  }

  private retry(
    kind: Exclude<StationScaleKind, 'none'>,
    address: ScaleAddress,
    key: string,
    generation: number,
  ) {
    const base = this.options.backoff?.baseMs ?? 500;
    const cap = this.options.backoff?.capMs ?? 10_000;
    const wait = Math.min(cap, base * 2 ** Math.min(this.failures, 16));
    this.failures++;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.timers.setTimeout(() => {
      if (generation !== this.generation) return;
      void this.connect(kind, address, key, generation);
    }, wait);
    this.publish();
  }

  private driver(kind: Exclude<StationScaleKind, 'none'>, stream: Duplex): Scale {
    const common = { id: 'station', stream, clock: this.options.clock, timers: this.timers };
    const poll = this.options.pollMs !== undefined ? { pollMs: this.options.pollMs } : {};
    switch (kind) {
      case 'mt-sics':
        return new MtSicsScale({ ...common, ...poll });
      case 'cas':
        return new CasScale({ ...common, ...poll });
      case 'hid-pos':
        return new HidPosScale({ id: 'station', device: reportsOf(stream), clock: this.options.clock });
    }
  }

  private publish(): void {
    const snapshot = this.snapshot();
    for (const listener of [...this.listeners]) listener(snapshot);
  }
}

const COMMAND_REFUSAL = {
  busy: 'PACK_SCALE_BUSY',
  out_of_range: 'PACK_WEIGHT_OVER_RANGE',
  refused: 'PACK_SCALE_REFUSED',
  no_answer: 'PACK_SCALE_UNAVAILABLE',
  closed: 'PACK_SCALE_UNAVAILABLE',
} as const satisfies Record<ScaleCommandError['reason'], string>;

/** A byte line as a HID report source: each chunk a report, its end an unplugged device. */
function reportsOf(stream: Duplex): HidReportSource {
  const source = {
    on(event: 'data' | 'error', listener: (value: never) => void) {
      if (event === 'data')
        stream.on('data', (chunk: Buffer) => (listener as (d: Uint8Array) => void)(new Uint8Array(chunk)));
      else {
        const gone = (err?: Error) => (listener as (e: Error) => void)(err ?? new Error('the device closed'));
        stream.on('error', gone);
        stream.on('end', () => gone());
      }
      return source;
    },
    close: () => stream.destroy(),
  };
  return source as HidReportSource;
}
