import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../station/csp';
import { readStaticFile } from '../station/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Must run before `app` is ready. "standard" gives app:// a real origin (so the sender check and
 * the CSP's 'self' mean this app only, where file:// would share one origin with every local
 * file); "secure" makes it a secure context like https.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` on app://lastmile/, with the CSP as a header. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response(null, { status: 404 });
    }
    // Stays inside rendererDir; unknown paths fall back to index.html (the app routes on the client).
    const file = readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('renderer not built', { status: 503 });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: {
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  };
}
