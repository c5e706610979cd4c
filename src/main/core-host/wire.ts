import type { ChildProcess } from 'node:child_process';
import type { MessagePort as NodeMessagePort } from 'node:worker_threads';

/**
 * One end of the channel between the main process and the core host, whatever carries it: an
 * Electron MessagePortMain, a child process's IPC channel, a worker's MessagePort. Messages are
 * structured-cloned by the carrier; what they mean is protocol.ts's business.
 */
export interface Wire {
  /**
   * Sends one message; false (and nothing sent) once the wire is closed. A message that cannot be
   * cloned throws (DataCloneError) and leaves the wire open: that is the sender's bug, not a
   * broken channel.
   */
  send(message: unknown): boolean;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once, when either end closes or the other process is gone. */
  onClose(listener: () => void): () => void;
  close(): void;
  readonly closed: boolean;
}

/** The part of Electron's MessagePortMain the wire uses (structural: no `electron` import here). */
export interface MessagePortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's MessagePortMain (main process and utility process alike). */
export function messagePortMainWire(port: MessagePortMainLike): Wire {
  const wire = new BaseWire(
    (message) => port.postMessage(message),
    () => port.close(),
  );
  port.on('message', (event) => wire.deliver(event.data));
  port.on('close', () => wire.markClosed());
  port.start();
  return wire;
}

/** A worker_threads MessagePort (a core host in a worker, or an in-process test). */
export function nodeMessagePortWire(port: NodeMessagePort): Wire {
  const wire = new BaseWire(
    (message) => port.postMessage(message),
    () => port.close(),
  );
  port.on('message', (message: unknown) => wire.deliver(message));
  port.on('close', () => wire.markClosed());
  port.start();
  return wire;
}

/** The parent's end of a forked child's IPC channel (`serialization: 'advanced'`). */
export function childProcessWire(child: ChildProcess): Wire {
  const wire = new BaseWire(
    (message) => {
      if (!child.connected) throw new Error('channel closed');
      child.send(message as never, (error) => {
        // An asynchronous send failure means the child is gone; its exit closes the wire.
        if (error) wire.markClosed();
      });
    },
    () => {
      if (child.connected) child.disconnect();
    },
  );
  child.on('message', (message: unknown) => wire.deliver(message));
  child.once('disconnect', () => wire.markClosed());
  child.once('exit', () => wire.markClosed());
  return wire;
}

/** The child's end of its IPC channel to the parent that forked it. */
export function parentProcessWire(proc: NodeJS.Process): Wire {
  const wire = new BaseWire(
    (message) => {
      if (!proc.connected || !proc.send) throw new Error('channel closed');
      proc.send(message as never, undefined, undefined, (error: Error | null) => {
        if (error) wire.markClosed();
      });
    },
    () => {
      if (proc.connected) proc.disconnect?.();
    },
  );
  proc.on('message', (message: unknown) => wire.deliver(message));
  proc.once('disconnect', () => wire.markClosed());
  return wire;
}

class BaseWire implements Wire {
  private readonly messageListeners = new Set<(message: unknown) => void>();
  private readonly closeListeners = new Set<() => void>();
  private isClosed = false;

  constructor(
    private readonly post: (message: unknown) => void,
    private readonly shut: () => void,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  send(message: unknown): boolean {
    if (this.isClosed) return false;
    try {
      this.post(message);
      return true;
    } catch (error) {
      if (isCloneError(error)) throw error;
      this.markClosed();
      return false;
    }
  }

  onMessage(listener: (message: unknown) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    if (this.isClosed) {
      queueMicrotask(listener);
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.isClosed) return;
    try {
      this.shut();
    } catch {
      // Already gone on the other side: closed either way.
    }
    this.markClosed();
  }

  deliver(message: unknown): void {
    if (this.isClosed) return;
    for (const listener of [...this.messageListeners]) listener(message);
  }

  markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.messageListeners.clear();
    for (const listener of listeners) listener();
  }
}

/** Node's v8 serializer throws a plain Error; MessagePorts throw a DOMException named DataCloneError. */
function isCloneError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'DataCloneError' || /could not be cloned/.test(error.message);
}
