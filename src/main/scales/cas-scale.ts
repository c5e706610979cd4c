import type { Duplex } from 'node:stream';
import { CAS_POLL, casToReading, parseCasLine } from '../../shared/scales/cas';
import type { Clock } from '../clock';
import { systemTimers, type Timers } from '../printing/queue/timers';
import { ScaleCommandError, ScaleListeners, type Scale, type ScaleEvent, type ScaleFaultCode } from './scale';
import { SerialChannel } from './serial-channel';

/**
 * A CAS scale over a serial line (protocol community-sourced, see src/shared/scales/cas.ts).
 * `poll` mode sends `W` every `pollMs` and reads the answer; `stream` mode only listens, for
 * models set to send continuously. CAS defines no zero or tare command we can rely on, so this
 * driver offers neither: the clerk uses the scale's keys.
 */
export interface CasScaleOptions {
  id: string;
  stream: Duplex;
  clock: Clock;
  timers?: Timers;
  mode?: 'poll' | 'stream';
  pollMs?: number;
  pollCommand?: string;
  answerTimeoutMs?: number;
}

const isCasLine = (line: string) => /^(ST|US|OL)\s*,/.test(line.trim());

export class CasScale implements Scale {
  readonly kind = 'cas' as const;
  readonly id: string;
  private readonly listeners = new ScaleListeners();
  private readonly channel: SerialChannel;
  private readonly timers: Timers;
  private pollTimer: unknown = null;
  private stopped = false;

  constructor(private readonly options: CasScaleOptions) {
    this.id = options.id;
    this.timers = options.timers ?? systemTimers;
    this.channel = new SerialChannel({
      stream: options.stream,
      timers: this.timers,
      answerTimeoutMs: options.answerTimeoutMs ?? 1_000,
      onUnsolicited: (line) => this.line(line),
      onFault: (code, detail) => this.fault(code, detail),
      onClosed: (reason) => {
        this.stopped = true;
        this.timers.clearTimeout(this.pollTimer);
        this.listeners.emit({ type: 'closed', reason, at: options.clock.now() });
      },
    });
    if ((options.mode ?? 'poll') === 'poll') this.schedulePoll(0);
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

  private schedulePoll(ms: number): void {
    if (this.stopped) return;
    this.pollTimer = this.timers.setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      this.line(await this.channel.send(this.options.pollCommand ?? CAS_POLL, isCasLine));
    } catch (err) {
      if (!(err instanceof ScaleCommandError)) throw err;
    }
    this.schedulePoll(this.options.pollMs ?? 200);
  }

  private line(line: string): void {
    const answer = parseCasLine(line);
    const reading = casToReading(answer, this.options.clock.now());
    if (reading) this.listeners.emit({ type: 'reading', reading });
    else if (answer.kind === 'unreadable')
      this.fault('unreadable', `${answer.why}: "${answer.line.slice(0, 60)}"`);
  }

  private fault(code: ScaleFaultCode, detail: string): void {
    this.listeners.emit({ type: 'fault', code, detail, at: this.options.clock.now() });
  }
}
