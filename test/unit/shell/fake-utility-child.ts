/**
 * Preloaded (`--import`) into a child started by FakeUtilityProcess: gives it what Electron gives
 * a utility process — `process.parentPort` (messages queued until a listener is added) and
 * MessagePortMain objects for the ports the parent transferred — carried over the IPC channel.
 */
import { EventEmitter } from 'node:events';

type FakeIpcMessage =
  | { fake: 'parent-port'; data: unknown; ports?: number[] }
  | { fake: 'port'; id: number; data: unknown }
  | { fake: 'port-close'; id: number };

class ChildMessagePort extends EventEmitter {
  private started = false;
  private closed = false;
  private readonly queue: unknown[] = [];
  constructor(private readonly id: number) {
    super();
  }
  postMessage(data: unknown): void {
    if (this.closed || !process.connected) return;
    process.send?.({ fake: 'port', id: this.id, data });
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
    if (process.connected) process.send?.({ fake: 'port-close', id: this.id });
  }
  remoteClosed(): void {
    if (this.closed) return;
    this.closed = true;
    // After the messages that arrived before it, as a real port delivers them.
    setImmediate(() => this.emit('close'));
  }
}

const ports = new Map<number, ChildMessagePort>();
const portFor = (id: number): ChildMessagePort => {
  let port = ports.get(id);
  if (!port) {
    port = new ChildMessagePort(id);
    ports.set(id, port);
  }
  return port;
};

class ParentPort extends EventEmitter {
  private readonly queue: { data: unknown; ports: ChildMessagePort[] }[] = [];
  constructor() {
    super();
    this.on('newListener', (event: string) => {
      if (event !== 'message') return;
      // Electron queues parentPort messages until a handler is registered.
      setImmediate(() => {
        for (const m of this.queue.splice(0)) this.emit('message', m);
      });
    });
  }
  postMessage(data: unknown): void {
    if (process.connected) process.send?.({ fake: 'parent-port', data });
  }
  deliver(m: { data: unknown; ports: ChildMessagePort[] }): void {
    if (this.listenerCount('message') === 0) this.queue.push(m);
    else this.emit('message', m);
  }
}

const parentPort = new ParentPort();
Object.defineProperty(process, 'parentPort', { value: parentPort, enumerable: false });

process.on('message', (m: FakeIpcMessage) => {
  if (m.fake === 'parent-port') parentPort.deliver({ data: m.data, ports: (m.ports ?? []).map(portFor) });
  else if (m.fake === 'port') portFor(m.id).receive(m.data);
  else if (m.fake === 'port-close') ports.get(m.id)?.remoteClosed();
});
process.on('disconnect', () => {
  for (const port of ports.values()) port.remoteClosed();
});
