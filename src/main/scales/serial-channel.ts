import type { Duplex } from 'node:stream';
import { systemTimers, type Timers } from '../printing/queue/timers';
import { LineReader } from './line-reader';
import { ScaleCommandError, type ScaleFaultCode } from './scale';

/**
 * Commands and answers over a serial line (a serialport port, a TCP-serial bridge's socket, a
 * test double): one command in flight at a time, FIFO, each with an answer timeout. An answer is
 * matched to the command that is waiting only if the command's `accepts` says it is its answer —
 * a line that arrives after its command timed out is dropped rather than handed to the next one.
 * Lines nobody waits for go to `onUnsolicited` (scales that stream).
 */
export interface SerialChannelOptions {
  stream: Duplex;
  timers?: Timers;
  answerTimeoutMs: number;
  onUnsolicited(line: string): void;
  onFault(code: ScaleFaultCode, detail: string): void;
  onClosed(reason: string): void;
}

interface Pending {
  command: string;
  accepts(line: string): boolean;
  resolve(line: string): void;
  reject(err: Error): void;
  timer: unknown;
}

export class SerialChannel {
  private readonly queue: Pending[] = [];
  private readonly timers: Timers;
  private closed = false;
  private readonly onData = (chunk: Buffer | string) => this.reader.push(chunk);
  private readonly onEnd = () => this.shut('the scale closed the line');
  private readonly onError = (err: Error) => this.shut(`the line failed: ${err.message}`);
  private readonly reader: LineReader;

  constructor(private readonly options: SerialChannelOptions) {
    this.timers = options.timers ?? systemTimers;
    this.reader = new LineReader(
      (line) => this.line(line),
      (sample) => options.onFault('unreadable', `no line end after "${sample}…" (wrong baud rate?)`),
    );
    options.stream.on('data', this.onData);
    options.stream.on('end', this.onEnd);
    options.stream.on('close', this.onEnd);
    options.stream.on('error', this.onError);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether nothing is queued (the poll loop asks before adding its poll). */
  get idle(): boolean {
    return this.queue.length === 0;
  }

  /** Sends `command` when its turn comes; resolves with its answer line. */
  send(command: string, accepts: (line: string) => boolean): Promise<string> {
    if (this.closed) return Promise.reject(new ScaleCommandError('closed', 'the scale line is closed'));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ command, accepts, resolve, reject, timer: null });
      if (this.queue.length === 1) this.start();
    });
  }

  /** Writes without waiting for an answer (a CAS poll on a scale that may also stream). */
  write(bytes: string): void {
    if (!this.closed) this.options.stream.write(bytes);
  }

  close(): void {
    this.shut('closed by the station');
    const { stream } = this.options;
    stream.off('data', this.onData);
    stream.destroy();
  }

  private start(): void {
    const head = this.queue[0];
    if (!head || this.closed) return;
    head.timer = this.timers.setTimeout(() => {
      if (this.queue[0] !== head) return;
      this.queue.shift();
      this.options.onFault(
        'no_answer',
        `no answer to "${head.command.trim()}" in ${String(this.options.answerTimeoutMs)} ms`,
      );
      head.reject(new ScaleCommandError('no_answer', `the scale did not answer "${head.command.trim()}"`));
      this.start();
    }, this.options.answerTimeoutMs);
    this.options.stream.write(head.command);
  }

  private line(line: string): void {
    const head = this.queue[0];
    if (head?.accepts(line)) {
      this.timers.clearTimeout(head.timer);
      this.queue.shift();
      head.resolve(line);
      this.start();
      return;
    }
    this.options.onUnsolicited(line);
  }

  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      this.timers.clearTimeout(pending.timer);
      pending.reject(new ScaleCommandError('closed', reason));
    }
    this.options.onClosed(reason);
  }
}
