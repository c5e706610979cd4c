import { EventEmitter } from 'node:events';
import net from 'node:net';
import { Duplex } from 'node:stream';
import {
  HID_SCALE_DATA_REPORT_ID,
  HID_SCALE_STATUSES,
  HID_SCALE_UNITS,
} from '../../shared/scales/hid-pos-report';
import { formatScaled } from '../../shared/scales/weight-units';
import type { HidReportSource } from './hid-pos-scale';

/**
 * Scales for tests, at the byte level: HID POS input reports exactly as a USB scale sends them,
 * and serial lines exactly as an MT-SICS or CAS scale answers — over an in-process duplex or a
 * real TCP socket on 127.0.0.1 (the TCP-serial bridge a warehouse uses for a scale far from the
 * PC). Each poll answers the next scripted state (unstable, then stable, over range …); the last
 * one repeats. `unplug()` drops the line, `silence()` keeps it open but stops answering.
 */

// ---------------------------------------------------------------- HID

export interface HidReportSpec {
  status: (typeof HID_SCALE_STATUSES)[keyof typeof HID_SCALE_STATUSES];
  unit: 'g' | 'kg' | 'oz' | 'lb' | 'mg';
  exponent?: number;
  raw: number;
  /** node-hid buffers start with the report id (default); WebHID data does not. */
  withReportId?: boolean;
}

/** The bytes of one weight report. */
export function hidScaleReport(spec: HidReportSpec): Uint8Array {
  const status = Number(Object.entries(HID_SCALE_STATUSES).find(([, v]) => v === spec.status)?.[0]);
  const unit = Number(Object.entries(HID_SCALE_UNITS).find(([, v]) => v === spec.unit)?.[0]);
  if (!Number.isInteger(spec.raw) || spec.raw < 0 || spec.raw > 0xffff)
    throw new RangeError('raw must fit 16 bits');
  const exponent = spec.exponent ?? 0;
  const body = [status, unit, exponent < 0 ? 256 + exponent : exponent, spec.raw & 0xff, spec.raw >> 8];
  return new Uint8Array(spec.withReportId === false ? body : [HID_SCALE_DATA_REPORT_ID, ...body]);
}

/** A HID device as node-hid presents one: `data` events with report bytes, `error` when unplugged. */
export class FakeHidScale extends EventEmitter implements HidReportSource {
  closed = false;

  send(bytes: Uint8Array | HidReportSpec): void {
    if (this.closed) return;
    this.emit('data', bytes instanceof Uint8Array ? bytes : hidScaleReport(bytes));
  }

  /** node-hid reports a pulled cable as an error on the next read. */
  unplug(): void {
    if (this.closed) return;
    this.emit('error', new Error('could not read from HID device'));
    this.closed = true;
  }

  close(): void {
    this.closed = true;
  }
}

// ---------------------------------------------------------------- serial

export interface FakeSerialState {
  grams?: number;
  /** What the display shows, when it is not whole grams / kilograms (a pound scale). */
  display?: { text: string; unit: string };
  unit?: 'g' | 'kg';
  stable?: boolean;
  over?: boolean;
  under?: boolean;
}

export interface FakeSerialScaleOptions {
  protocol: 'mt-sics' | 'cas';
  states?: FakeSerialState[];
  /** Milliseconds before each answer (a slow scale). */
  answerDelayMs?: number;
}

export class FakeSerialScale {
  readonly commands: string[] = [];
  private states: FakeSerialState[];
  private zeroOffset = 0;
  private tareGrams = 0;
  private silent = false;
  private readonly lines = new Set<{ write(text: string): void; end(): void }>();
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: FakeSerialScaleOptions) {
    this.states = options.states ?? [{ grams: 0, stable: true }];
  }

  /** Replaces the script: each poll answers the next state, the last one repeats. */
  script(states: FakeSerialState[]): void {
    this.states = states.length > 0 ? states : [{ grams: 0, stable: true }];
  }

  /** Stops answering (the scale switched itself off but the bridge keeps the socket). */
  silence(on = true): void {
    this.silent = on;
  }

  /** An in-process serial line for a driver. */
  connect(): Duplex {
    let buffer = '';
    const line = { write: (text: string) => duplex.push(text), end: () => duplex.push(null) };
    const duplex: Duplex = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _enc, done) => {
        buffer = this.receive(buffer + chunk.toString('latin1'), line);
        done();
      },
      final: (done) => {
        this.lines.delete(line);
        done();
      },
    });
    duplex.on('close', () => this.lines.delete(line));
    this.lines.add(line);
    return duplex;
  }

  /**
   * Serves the scale on a TCP port on 127.0.0.1, one serial line per connection. A given `port`
   * serves again where a closed fake was (the bridge coming back after a restart).
   */
  async listen(port = 0): Promise<number> {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      let buffer = '';
      const line = { write: (text: string) => socket.write(text), end: () => socket.destroy() };
      this.lines.add(line);
      socket.on('data', (chunk) => {
        buffer = this.receive(buffer + chunk.toString('latin1'), line);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.lines.delete(line);
      });
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.address() as net.AddressInfo).port;
  }

  /** The cable comes out: every open line ends. */
  unplug(): void {
    for (const line of [...this.lines]) line.end();
    this.lines.clear();
  }

  /** Sends bytes that are no line of the protocol (noise, a wrong baud rate). */
  garble(text = '\u00ff\u00fe\u00fd'.repeat(120)): void {
    for (const line of this.lines) line.write(text);
  }

  async close(): Promise<void> {
    this.unplug();
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Takes whole commands out of `buffer`, answers each, and returns what is left. */
  private receive(buffer: string, line: { write(text: string): void }): string {
    const cas = this.options.protocol === 'cas';
    let rest = buffer;
    for (;;) {
      let command: string;
      if (cas) {
        // CAS polls are a bare W (optionally followed by CR LF).
        const i = rest.indexOf('W');
        if (i < 0) return rest.length > 64 ? '' : rest;
        command = 'W';
        rest = rest.slice(i + 1).replace(/^\r?\n/, '');
      } else {
        const i = rest.indexOf('\r\n');
        if (i < 0) return rest;
        command = rest.slice(0, i);
        rest = rest.slice(i + 2);
      }
      this.commands.push(command);
      if (this.silent) continue;
      const answer = cas ? this.casAnswer() : this.mtSicsAnswer(command);
      const delay = this.options.answerDelayMs ?? 0;
      if (delay > 0) setTimeout(() => line.write(`${answer}\r\n`), delay).unref();
      else line.write(`${answer}\r\n`);
    }
  }

  private next(): FakeSerialState {
    const state = this.states[0] ?? { grams: 0, stable: true };
    if (this.states.length > 1) this.states.shift();
    return state;
  }

  private current(): FakeSerialState {
    return this.states[0] ?? { grams: 0, stable: true };
  }

  private display(state: FakeSerialState): { text: string; unit: string } {
    if (state.display) return state.display;
    const grams = (state.grams ?? 0) - this.zeroOffset - this.tareGrams;
    return state.unit === 'g'
      ? { text: String(grams), unit: 'g' }
      : { text: formatScaled({ raw: BigInt(grams), exponent: -3 }), unit: 'kg' };
  }

  private mtSicsAnswer(command: string): string {
    switch (command) {
      case 'S':
      case 'SI': {
        const state = this.next();
        if (state.over) return 'S +';
        if (state.under) return 'S -';
        const stable = state.stable ?? true;
        if (command === 'S' && !stable) return 'S I';
        const { text, unit } = this.display(state);
        return `S ${stable ? 'S' : 'D'} ${text.padStart(10)} ${unit}`;
      }
      case 'Z': {
        const state = this.current();
        if (state.over) return 'Z +';
        if (!(state.stable ?? true)) return 'Z I';
        this.zeroOffset = state.grams ?? 0;
        this.tareGrams = 0;
        return 'Z A';
      }
      case 'T': {
        const state = this.current();
        if (state.over) return 'T +';
        if (!(state.stable ?? true)) return 'T I';
        this.tareGrams = (state.grams ?? 0) - this.zeroOffset;
        return `T S ${formatScaled({ raw: BigInt(this.tareGrams), exponent: -3 }).padStart(10)} kg`;
      }
      default:
        return 'ES';
    }
  }

  private casAnswer(): string {
    const state = this.next();
    if (state.over) return 'OL,GS,+   .   kg';
    const { text, unit } = this.display(state);
    const negative = text.startsWith('-');
    return `${(state.stable ?? true) ? 'ST' : 'US'},GS,${negative ? '-' : '+'}${text.replace('-', '').padStart(8)}${unit}`;
  }
}
