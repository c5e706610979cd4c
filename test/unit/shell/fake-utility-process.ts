/**
 * Electron's utilityProcess and MessageChannelMain, played by a real Node child process
 * (child_process.fork, structured-clone IPC). The child runs the real module given to fork(),
 * with a small preload (fake-utility-child.ts) that gives it Electron's `process.parentPort` and
 * MessagePortMain objects over the IPC channel — so the app's glue and the core host's own
 * bootstrap run as they do in Electron, and a test can kill -9 the child by its pid.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type FakeIpcMessage =
  | { fake: 'parent-port'; data: unknown; ports?: number[] }
  | { fake: 'port'; id: number; data: unknown }
  | { fake: 'port-close'; id: number };

const TSX = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
const CHILD_SHIM = pathToFileURL(path.join(__dirname, 'fake-utility-child.ts')).href;

export class FakeMessagePortMain extends EventEmitter {
  peer: FakeMessagePortMain | null = null;
  /** Set when the peer was transferred to a child: messages go over that child's IPC. */
  remote: { child: ChildProcess; id: number } | null = null;
  private started = false;
  private closed = false;
  private readonly queue: unknown[] = [];

  postMessage(data: unknown): void {
    if (this.closed) return;
    if (this.remote) {
      if (this.remote.child.connected) this.remote.child.send({ fake: 'port', id: this.remote.id, data });
      return;
    }
    this.peer?.receive(data);
  }

  receive(data: unknown): void {
    if (this.closed) return;
    if (!this.started) {
      this.queue.push(data);
      return;
    }
    // Received while open: delivered, even if the port closes before the next turn.
    setImmediate(() => this.emit('message', { data, ports: [] }));
  }

  start(): void {
    this.started = true;
    for (const data of this.queue.splice(0)) this.receive(data);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.remote?.child.connected) this.remote.child.send({ fake: 'port-close', id: this.remote.id });
    else this.peer?.remoteClosed();
  }

  remoteClosed(): void {
    if (this.closed) return;
    this.closed = true;
    // After the messages that arrived before it, as a real port delivers them.
    setImmediate(() => this.emit('close'));
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  static readonly instances: FakeUtilityProcess[] = [];
  readonly child: ChildProcess;
  readonly forkedWith: { modulePath: string; options: Record<string, unknown> };
  private nextPortId = 1;
  private readonly ports = new Map<number, FakeMessagePortMain>();
  readonly exited: Promise<void>;

  constructor(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) {
    super();
    this.forkedWith = { modulePath, options };
    this.child = fork(modulePath, args, {
      execArgv: ['--import', TSX, '--import', CHILD_SHIM],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: (options.env as NodeJS.ProcessEnv | undefined) ?? process.env,
    });
    FakeUtilityProcess.instances.push(this);
    this.child.on('spawn', () => this.emit('spawn'));
    this.child.on('message', (m: FakeIpcMessage) => {
      if (m.fake === 'parent-port') this.emit('message', m.data);
      else if (m.fake === 'port') this.ports.get(m.id)?.receive(m.data);
      else if (m.fake === 'port-close') this.ports.get(m.id)?.remoteClosed();
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        for (const port of this.ports.values()) port.remoteClosed();
        // Electron reports the waitpid status; a signal shows as a non-zero code.
        this.emit('exit', code ?? (signal ? 128 + 9 : 1));
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): NodeJS.ReadableStream | null {
    return this.child.stdout;
  }

  get stderr(): NodeJS.ReadableStream | null {
    return this.child.stderr;
  }

  postMessage(message: unknown, transfer: FakeMessagePortMain[] = []): void {
    const ids = transfer.map((port) => {
      const id = this.nextPortId++;
      const local = port.peer;
      if (!local) throw new Error('fake MessagePortMain without a peer');
      local.remote = { child: this.child, id };
      this.ports.set(id, local);
      return id;
    });
    if (this.child.connected) this.child.send({ fake: 'parent-port', data: message, ports: ids });
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }

  /** Ends every child the tests started (afterEach). */
  static async killAll(): Promise<void> {
    const all = FakeUtilityProcess.instances.splice(0);
    for (const p of all) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    }
    await Promise.all(all.map((p) => p.exited));
  }
}
