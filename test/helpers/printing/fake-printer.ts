import net from 'node:net';

export type FakePrinterMode = 'accept' | 'stall' | { dropAfterBytes: number };

/**
 * A printer on 127.0.0.1 that keeps every byte it receives. It can accept (and close its side
 * when the job has arrived, as a 9100 printer does), stall (read nothing, answer nothing), drop
 * the connection after N bytes (a reset mid-job), or be unplugged (nothing listens: refused).
 * It answers `~HS` like a Zebra, with flags a test can set.
 */
export class FakePrinter {
  /** Jobs received in full, in arrival order. */
  readonly jobs: Buffer[] = [];
  /** Bytes of connections that did not end cleanly (dropped mid-job). */
  readonly partial: Buffer[] = [];
  connections = 0;
  mode: FakePrinterMode = 'accept';
  hostStatus = { paperOut: false, paused: false, headOpen: false };
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private waiters: { count: number; resolve: () => void }[] = [];
  port = 0;

  static async start(port = 0): Promise<FakePrinter> {
    const printer = new FakePrinter();
    await printer.plug(port);
    return printer;
  }

  get address(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** Starts listening (again, on the same port after an unplug). */
  plug(port = this.port): Promise<void> {
    const server = net.createServer((socket) => this.onConnection(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops listening and cuts every open connection: the printer is gone. */
  unplug(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  close(): Promise<void> {
    return this.unplug();
  }

  /** Resolves once `count` jobs have arrived in full. */
  waitForJobs(count: number, timeoutMs = 20_000): Promise<void> {
    if (this.jobs.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fake printer got ${this.jobs.length} of ${count} jobs`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private onConnection(socket: net.Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    const mode = this.mode;
    if (mode === 'stall') {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (typeof mode === 'object' && received >= mode.dropAfterBytes) {
        this.partial.push(Buffer.concat(chunks).subarray(0, mode.dropAfterBytes));
        socket.resetAndDestroy();
        return;
      }
      if (Buffer.concat(chunks).toString('latin1') === '~HS') {
        socket.end(this.hostStatusAnswer());
        chunks.length = 0;
      }
    });
    socket.once('end', () => {
      if (chunks.length > 0) {
        this.jobs.push(Buffer.concat(chunks));
        for (const w of this.waiters.filter((w) => this.jobs.length >= w.count)) w.resolve();
        this.waiters = this.waiters.filter((w) => this.jobs.length < w.count);
      }
      socket.end();
    });
  }

  private hostStatusAnswer(): string {
    const f = (b: boolean): string => (b ? '1' : '0');
    const s = this.hostStatus;
    return (
      `\x02030,${f(s.paperOut)},${f(s.paused)},1245,000,0,0,0,000,0,0,0\x03\r\n` +
      `\x02000,0,${f(s.headOpen)},0,0,2,4,0,00000000,1,000\x03\r\n` +
      `\x021234,0\x03\r\n`
    );
  }
}
