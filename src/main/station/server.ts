import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_HEADER } from '../../shared/channels';
import { AppError, type Envelope } from '../../shared/errors';
import { MAX_PHOTO_BYTES } from '../../shared/returns/qc-codes';
import { IMPORT_CSV_MAX_CHARS, PACK_PHOTO_MAX_BYTES } from '../../shared/calls/packing';
import { MAX_CERTIFICATE_BYTES } from '../../shared/returns/destruction-certificate';
import type { Dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from './csp';
import { bindStationPort } from './listen';
import { isJsonContentType } from './media-type';
import { stationOpenUrl } from './station-address';
import { sameSecret, type StationToken } from './station-token';
import { readBody } from './request-body';
import { readStaticFile } from './static-files';
import { handleWebhook, WEBHOOK_PREFIX, type WebhookIntakeSource } from './webhook-endpoint';

export interface StationServerOptions {
  /**
   * The contract: a core in this process, or a CoreClient to a core process (the same Dispatch);
   * and the station's key from its data folder (StationToken), which survives restarts and which
   * an admin may rotate while the server runs, from the core or another process.
   */
  core: { dispatch: Dispatch; stationToken?: Pick<StationToken, 'current'> };
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** A server already bound (bindStationPort), so a taken port was found before the core opened. */
  bound?: http.Server;
  /** A fixed key for a test, instead of core.stationToken. */
  token?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Calls allowed a larger body than maxBodyBytes (a photo upload), and their limit. */
  largeBodyCalls?: Readonly<Record<string, number>>;
  /**
   * Where `POST /webhooks/<connector>/<account>` goes: the core's sync, in this process or the
   * core process. Absent, the path answers 503 sync_off.
   */
  webhooks?: WebhookIntakeSource;
  /** Largest webhook body accepted, in bytes (default 256 KB). */
  maxWebhookBytes?: number;
}

/**
 * A photo of up to MAX_PHOTO_BYTES, and a certificate PDF to verify, as base64 JSON. Only these
 * calls get more than the 64 KB every other call is held to, so a page cannot make the station
 * buffer megabytes on any other path.
 */
const asBase64Json = (bytes: number): number => Math.ceil((bytes * 4) / 3) + 4096;

/** The calls that upload a photo, with the largest photo each takes (a refusal names it). */
const PHOTO_CALLS: Readonly<Record<string, number>> = {
  qcUploadPhoto: MAX_PHOTO_BYTES,
  packPhoto: PACK_PHOTO_MAX_BYTES,
};

export const LARGE_BODY_CALLS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(PHOTO_CALLS).map(([call, max]) => [call, asBase64Json(max)])),
  qcVerifyCertificate: asBase64Json(MAX_CERTIFICATE_BYTES),
  // A CSV as a JSON string: escaping can double it (every quote, every line break).
  packImportOrders: IMPORT_CSV_MAX_CHARS * 2 + 4096,
  packSkuClassesImport: IMPORT_CSV_MAX_CHARS * 2 + 4096,
};

export interface StationServer {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server. */
  readonly openUrl: string;
  port: number;
  /** The key now (it changes when an admin rotates it). */
  readonly token: string;
  close(): Promise<void>;
}

export const API_PREFIX = '/api/';
export { CONTENT_SECURITY_POLICY };

/**
 * Serves the contract over HTTP on 127.0.0.1, plus the built renderer, so the app runs in a browser.
 * Other sites open in the same browser cannot call it: every call needs the station's key (sent
 * as a header, which a cross-site form or image cannot set) and a Host header naming this server
 * (which defeats DNS rebinding).
 */
export async function startStationServer(options: StationServerOptions): Promise<StationServer> {
  const fixed = options.token;
  const key = fixed !== undefined ? { current: () => fixed } : options.core.stationToken;
  if (!key) throw new Error('a station server needs the station key (core.stationToken)');
  const currentToken = (): string => key.current();
  // Made (or read) before the first request, so a bad data folder fails the start, not a call.
  currentToken();
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const largeBodies = options.largeBodyCalls ?? LARGE_BODY_CALLS;
  let port = options.port ?? 0;

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith(WEBHOOK_PREFIX)) {
      void handleWebhook(req, res, url, options.webhooks, options.maxWebhookBytes);
      return;
    }
    if (url.startsWith(API_PREFIX)) {
      const name = url.slice(API_PREFIX.length);
      void handleApi(req, res, name, options.core, currentToken, largeBodies[name] ?? maxBody);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = readStaticFile(options.rendererDir, url);
    if (!file) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('renderer not built');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
  const server = options.bound ?? (await bindStationPort(port));
  server.removeAllListeners('request');
  server.on('request', handle);
  server.keepAliveTimeout = 30_000;
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  const served = port;
  return {
    url,
    get openUrl() {
      return stationOpenUrl(served, currentToken());
    },
    port,
    get token() {
      return currentToken();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handleApi(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  callName: string,
  core: { dispatch: Dispatch },
  token: () => string,
  maxBody: number,
): Promise<void> {
  const send = (status: number, envelope: Envelope<unknown>): void => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(JSON.stringify(envelope));
  };
  const refuse = (status: number, error: AppError): void =>
    send(status, { ok: false, error: error.toJSON() });
  // Whatever a caller puts in the path comes back at most this long.
  const echoed = callName.slice(0, MAX_ECHOED_NAME);

  if (req.method !== 'POST') return refuse(405, new AppError('UNKNOWN_CALL', { name: echoed }));
  if (!bearerMatches(req.headers.authorization, token())) return refuse(401, new AppError('UNAUTHORIZED'));
  if (!isJsonContentType(req.headers['content-type'])) {
    return refuse(
      415,
      new AppError('VALIDATION_FAILED', { call: echoed, field: '(payload)', issue: 'content_type' }),
    );
  }
  let body: string;
  try {
    body = await readBody(req, maxBody);
  } catch {
    const declared = Number(req.headers['content-length'] ?? 0);
    const photoMax = Object.hasOwn(PHOTO_CALLS, callName) ? PHOTO_CALLS[callName] : undefined;
    return refuse(
      413,
      photoMax !== undefined
        ? new AppError('PHOTO_TOO_LARGE', { bytes: Math.floor((declared * 3) / 4), max: photoMax })
        : new AppError('VALIDATION_FAILED', { call: echoed, field: '(payload)', issue: 'too_big' }),
    );
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return refuse(
      400,
      new AppError('VALIDATION_FAILED', { call: echoed, field: '(payload)', issue: 'invalid_json' }),
    );
  }
  send(200, await core.dispatch(callName, input, { clientId: clientIdOf(req) }));
}

const MAX_ECHOED_NAME = 64;

/** `Bearer <key>` with the station's key, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  if (header === undefined || !header.startsWith('Bearer ')) return false;
  return sameSecret(header.slice('Bearer '.length), token);
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The tab a call comes from (its own random id); calls without one share the anonymous client. */
function clientIdOf(req: http.IncomingMessage): string {
  const header = req.headers[CLIENT_HEADER];
  return typeof header === 'string' && CLIENT_ID.test(header) ? `http:${header}` : 'http:anonymous';
}
