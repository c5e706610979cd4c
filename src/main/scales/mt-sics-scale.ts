import type { Duplex } from 'node:stream';
import {
  mtSicsCommand,
  mtSicsToReading,
  parseMtSicsLine,
  type MtSicsAnswer,
} from '../../shared/scales/mt-sics';
import { toGrams } from '../../shared/scales/weight-units';
import type { Clock } from '../clock';
import { systemTimers, type Timers } from '../printing/queue/timers';
import { ScaleCommandError, ScaleListeners, type Scale, type ScaleEvent, type ScaleFaultCode } from './scale';
import { SerialChannel } from './serial-channel';

/**
 * A Mettler Toledo scale speaking MT-SICS over a serial line. It polls `SI` (the weight now,
 * settled or not, so the screen shows the load moving) every `pollMs`; `S` can be configured for
 * scales that should only report settled weights. `zero()` and `tare()` send `Z` and `T` between
 * polls and resolve with the scale's answer.
 */
export interface MtSicsScaleOptions {
  id: string;
  stream: Duplex;
  clock: Clock;
  timers?: Timers;
  pollMs?: number;
  pollCommand?: 'SI' | 'S';
  answerTimeoutMs?: number;
}

const isAnswerTo = (command: 'S' | 'Z' | 'T') => (line: string) => {
  const t = line.trim();
  return t.startsWith(`${command} `) || t === 'ES' || t === 'ET' || t === 'EL';
};

export class MtSicsScale implements Scale {
  readonly kind = 'mt-sics' as const;
  readonly id: string;
  private readonly listeners = new ScaleListeners();
  private readonly channel: SerialChannel;
  private readonly timers: Timers;
  private pollTimer: unknown = null;
  private stopped = false;

  constructor(private readonly options: MtSicsScaleOptions) {
    this.id = options.id;
    this.timers = options.timers ?? systemTimers;
    this.channel = new SerialChannel({
      stream: options.stream,
      timers: this.timers,
      answerTimeoutMs: options.answerTimeoutMs ?? 1_000,
      onUnsolicited: (line) => this.fault('unreadable', `unexpected line "${line.slice(0, 60)}"`),
      onFault: (code, detail) => this.fault(code, detail),
      onClosed: (reason) => {
        this.stopped = true;
        this.timers.clearTimeout(this.pollTimer);
        this.emit({ type: 'closed', reason, at: options.clock.now() });
      },
    });
    this.schedulePoll(0);
  }

  subscribe(listener: (event: ScaleEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async zero(): Promise<void> {
    const answer = parseMtSicsLine(await this.channel.send(mtSicsCommand('Z'), isAnswerTo('Z')));
    if (answer.kind === 'zeroed') return;
    throw commandError('zero', answer);
  }

  async tare(): Promise<number> {
    const answer = parseMtSicsLine(await this.channel.send(mtSicsCommand('T'), isAnswerTo('T')));
    if (answer.kind === 'weight' && answer.command === 'T') return toGrams(answer.value, answer.unit);
    throw commandError('tare', answer);
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
    if (!this.channel.idle) {
      // A zero or tare is in flight: poll again after it.
      this.schedulePoll(this.options.pollMs ?? 200);
      return;
    }
    const command = this.options.pollCommand ?? 'SI';
    try {
      const line = await this.channel.send(mtSicsCommand(command), isAnswerTo('S'));
      const answer = parseMtSicsLine(line);
      const reading = mtSicsToReading(answer, this.options.clock.now());
      if (reading) this.emit({ type: 'reading', reading });
      else if (answer.kind === 'error') this.fault('scale_error', `${answer.code}: ${answer.meaning}`);
      else if (answer.kind === 'unreadable')
        this.fault('unreadable', `${answer.why}: "${answer.line.slice(0, 60)}"`);
      // `S I` (no stable value yet, for an `S` poll) is not a reading: the monitor keeps waiting.
    } catch (err) {
      if (!(err instanceof ScaleCommandError)) throw err;
      // no_answer was reported as a fault by the channel; closed ends the loop.
    }
    this.schedulePoll(this.options.pollMs ?? 200);
  }

  private fault(code: ScaleFaultCode, detail: string): void {
    this.emit({ type: 'fault', code, detail, at: this.options.clock.now() });
  }

  private emit(event: ScaleEvent): void {
    this.listeners.emit(event);
  }
}

function commandError(what: 'zero' | 'tare', answer: MtSicsAnswer): ScaleCommandError {
  switch (answer.kind) {
    case 'busy':
      return new ScaleCommandError('busy', `the scale cannot ${what} now: the load is not steady`);
    case 'over':
    case 'under':
      return new ScaleCommandError(
        'out_of_range',
        `the load is ${answer.kind === 'over' ? 'above' : 'below'} the range the scale can ${what}`,
      );
    case 'error':
      return new ScaleCommandError(
        'refused',
        `the scale refused to ${what} (${answer.code}: ${answer.meaning})`,
      );
    default:
      return new ScaleCommandError(
        'refused',
        `the scale answered ${what} with "${'line' in answer ? answer.line : answer.kind}"`,
      );
  }
}
