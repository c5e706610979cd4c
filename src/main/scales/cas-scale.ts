import { CAS_POLL, casToReading, parseCasLine } from '../../shared/scales/cas';
import { PolledSerialScale, type PolledSerialScaleOptions } from './polled-serial-scale';
import { ScaleCommandError } from './scale';

/**
 * A CAS scale over a serial line (protocol community-sourced, see src/shared/scales/cas.ts).
 * `poll` mode sends `W` every `pollMs` and reads the answer; `stream` mode only listens, for
 * models set to send continuously. CAS defines no zero or tare command we can rely on, so this
 * driver offers neither: the clerk uses the scale's keys.
 */
export interface CasScaleOptions extends PolledSerialScaleOptions {
  mode?: 'poll' | 'stream';
  pollCommand?: string;
}

const isCasLine = (line: string) => /^(ST|US|OL)\s*,/.test(line.trim());

export class CasScale extends PolledSerialScale {
  readonly kind = 'cas' as const;

  constructor(private readonly options: CasScaleOptions) {
    super(options, (options.mode ?? 'poll') === 'poll');
  }

  protected async pollOnce(): Promise<void> {
    try {
      this.line(await this.channel.send(this.options.pollCommand ?? CAS_POLL, isCasLine));
    } catch (err) {
      if (!(err instanceof ScaleCommandError)) throw err;
    }
  }

  protected unsolicited(line: string): void {
    this.line(line);
  }

  private line(line: string): void {
    const answer = parseCasLine(line);
    const reading = casToReading(answer, this.clock.now());
    if (reading) this.emit({ type: 'reading', reading });
    else if (answer.kind === 'unreadable')
      this.fault('unreadable', `${answer.why}: "${answer.line.slice(0, 60)}"`);
  }
}
