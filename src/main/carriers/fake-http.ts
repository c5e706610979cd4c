import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The plumbing every carrier fake shares: a real HTTP server on 127.0.0.1, a request log, and
 * faults served on demand (an HTTP status with the carrier's documented error body, 429 with
 * Retry-After, garbage, a hang, a reset, or a field changing type — the last one applied by the
 * carrier's own handler). Credentials and signatures are each fake's own business: this file knows
 * nothing about them, and no fake imports the client it tests.
 */
export type FakeFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'garbage'; body?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'typeChange' };

export interface FaultRule {
  /** Only this route (the fake's name for it, e.g. 'gettrackinfo'); absent: every route. */
  route?: string;
  /** How many matching requests get the fault (default 1; Infinity: until cleared). */
  times?: number;
  /** Let this many matching requests through first. */
  skip?: number;
  fault: FakeFault;
}

export interface FaultHandle {
  remaining(): number;
  cancel(): void;
}

export interface FakeRequest {
  method: string;
  route: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface FakeAnswer {
  status: number;
  /** A string is sent as is; anything else as JSON. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeHttpOptions {
  /** The route name of a request (null: 404). */
  route(method: string, path: string): string | null;
  /** Answers a request; `typeChange` tells it to send one field with the wrong type. */
  handle(request: FakeRequest, typeChange: boolean): FakeAnswer | Promise<FakeAnswer>;
  /** The carrier's documented error body for an injected status. */
  errorBody(status: number): unknown;
  now(): number;
}

export interface FakeHttp {
  url: string;
  /** Every request received, faults included, in arrival order. */
  readonly requests: FakeRequest[];
  inject(rule: FaultRule): FaultHandle;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startFakeHttp(options: FakeHttpOptions): Promise<FakeHttp> {
  const requests: FakeRequest[] = [];
  const rules: Array<FaultRule & { left: number; skipped: number }> = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();

  const takeFault = (route: string): FakeFault | null => {
    for (const rule of rules) {
      if (rule.left <= 0) continue;
      if (rule.route !== undefined && rule.route !== route) continue;
      if (rule.skipped < (rule.skip ?? 0)) {
        rule.skipped += 1;
        return null;
      }
      rule.left -= 1;
      return rule.fault;
    }
    return null;
  };

  const send = (res: http.ServerResponse, answer: FakeAnswer): void => {
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = options.route(req.method ?? 'GET', url.pathname);
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        route: route ?? 'unknown',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: options.now(),
      };
      requests.push(request);
      if (route === null) return send(res, { status: 404, body: options.errorBody(404) });
      const fault = takeFault(route);
      switch (fault?.kind) {
        case 'status':
          return send(res, {
            status: fault.status,
            body: fault.body ?? options.errorBody(fault.status),
            headers: fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
          });
        case 'garbage':
          return send(res, { status: 200, body: fault.body ?? '{"code": 0, "data": {"accepted": [tru' });
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'reset':
          req.socket.destroy();
          return;
        default:
          Promise.resolve(options.handle(request, fault?.kind === 'typeChange'))
            .then((answer) => send(res, answer))
            .catch(() => res.destroy());
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port.toString()}`,
    requests,
    inject: (rule) => {
      const entry = { ...rule, left: rule.times ?? 1, skipped: 0 };
      rules.push(entry);
      return {
        remaining: () => entry.left,
        cancel: () => {
          entry.left = 0;
        },
      };
    },
    clearFaults: () => {
      rules.length = 0;
      for (const res of hanging) res.destroy();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A fake's rate limit: a fixed window per second, answering 429 beyond it. */
export class FakeRateLimit {
  private windowStart = 0;
  private count = 0;
  rejected = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait, or 0 when the request may pass. */
  take(): number {
    const t = this.now();
    if (t - this.windowStart >= 1_000) {
      this.windowStart = t;
      this.count = 0;
    }
    this.count += 1;
    if (this.count <= this.perSecond) return 0;
    this.rejected += 1;
    return Math.max(1, Math.ceil((this.windowStart + 1_000 - t) / 1_000));
  }
}
