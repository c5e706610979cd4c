import {
  mtSicsCommand,
  mtSicsToReading,
  parseMtSicsLine,
  type MtSicsAnswer,
} from '../../shared/scales/mt-sics';
import { toGrams } from '../../shared/scales/weight-units';
import { PolledSerialScale, type PolledSerialScaleOptions } from './polled-serial-scale';
import { ScaleCommandError } from './scale';

/**
 * A Mettler Toledo scale speaking MT-SICS over a serial line. It polls `SI` (the weight now,
 * settled or not, so the screen shows the load moving) every `pollMs`; `S` can be configured for
 * scales that should only report settled weights. `zero()` and `tare()` send `Z` and `T` between
 * polls and resolve with the scale's answer.
 */
export interface MtSicsScaleOptions extends PolledSerialScaleOptions {
  pollCommand?: 'SI' | 'S';
}

const isAnswerTo = (command: 'S' | 'Z' | 'T') => (line: string) => {
  const t = line.trim();
  return t.startsWith(`${command} `) || t === 'ES' || t === 'ET' || t === 'EL';
};

export class MtSicsScale extends PolledSerialScale {
  readonly kind = 'mt-sics' as const;

  constructor(private readonly options: MtSicsScaleOptions) {
    super(options, true);
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

  protected async pollOnce(): Promise<void> {
    // A zero or tare in flight: this round is skipped, the next poll comes after it.
    if (!this.channel.idle) return;
    const command = this.options.pollCommand ?? 'SI';
    try {
      const line = await this.channel.send(mtSicsCommand(command), isAnswerTo('S'));
      const answer = parseMtSicsLine(line);
      const reading = mtSicsToReading(answer, this.clock.now());
      if (reading) this.emit({ type: 'reading', reading });
      else if (answer.kind === 'error') this.fault('scale_error', `${answer.code}: ${answer.meaning}`);
      else if (answer.kind === 'unreadable')
        this.fault('unreadable', `${answer.why}: "${answer.line.slice(0, 60)}"`);
      // `S I` (no stable value yet, for an `S` poll) is not a reading: the monitor keeps waiting.
    } catch (err) {
      if (!(err instanceof ScaleCommandError)) throw err;
      // no_answer was reported as a fault by the channel; closed ends the loop.
    }
  }

  protected unsolicited(line: string): void {
    this.fault('unreadable', `unexpected line "${line.slice(0, 60)}"`);
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
