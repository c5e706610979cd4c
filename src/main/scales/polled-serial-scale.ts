import type { Duplex } from 'node:stream';
import type { Clock } from '../clock';
import { systemTimers, type Timers } from '../printing/queue/timers';
import { ScaleListeners, type Scale, type ScaleEvent, type ScaleFaultCode, type ScaleKind } from './scale';
import { SerialChannel } from './serial-channel';

export interface PolledSerialScaleOptions {
  id: string;
  stream: Duplex;
  clock: Clock;
  timers?: Timers;
  pollMs?: number;
  answerTimeoutMs?: number;
}

/**
 * What every serial scale driver shares: one request/answer channel, a poll loop that stops for
 * good when the line closes, and faults and readings told to the subscribers. A driver says only
 * how one poll is asked and read, and what an unsolicited line means.
 */
export abstract class PolledSerialScale implements Scale {
  abstract readonly kind: ScaleKind;
  readonly id: string;
  protected readonly channel: SerialChannel;
  protected readonly clock: Clock;
  private readonly listeners = new ScaleListeners();
  private readonly timers: Timers;
  private readonly pollMs: number;
  private pollTimer: unknown = null;
  private stopped = false;

  protected constructor(options: PolledSerialScaleOptions, polling: boolean) {
    this.id = options.id;
    this.clock = options.clock;
    this.timers = options.timers ?? systemTimers;
    this.pollMs = options.pollMs ?? 200;
    this.channel = new SerialChannel({
      stream: options.stream,
      timers: this.timers,
      answerTimeoutMs: options.answerTimeoutMs ?? 1_000,
      onUnsolicited: (line) => this.unsolicited(line),
      onFault: (code, detail) => this.fault(code, detail),
      onClosed: (reason) => {
        this.stopped = true;
        this.timers.clearTimeout(this.pollTimer);
        this.emit({ type: 'closed', reason, at: this.clock.now() });
      },
    });
    if (polling) this.schedulePoll(0);
  }

  subscribe(listener: (event: ScaleEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.pollTimer);
    this.channel.close();
    return Promise.resolve();
  }

  /** One poll: ask, read the answer, emit. Errors other than a failed command end the loop loudly. */
  protected abstract pollOnce(): Promise<void>;

  /** A line that answers no command. */
  protected abstract unsolicited(line: string): void;

  protected fault(code: ScaleFaultCode, detail: string): void {
    this.emit({ type: 'fault', code, detail, at: this.clock.now() });
  }

  protected emit(event: ScaleEvent): void {
    this.listeners.emit(event);
  }

  private schedulePoll(ms: number): void {
    if (this.stopped) return;
    this.pollTimer = this.timers.setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    await this.pollOnce();
    this.schedulePoll(this.pollMs);
  }
}
