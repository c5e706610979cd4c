/** The custom scheme the packaged renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lastmile';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Which page origin the main process trusts: the one it loaded itself, and nothing else. */
export interface AppOrigin {
  /** What the window loads. */
  readonly entryUrl: string;
  /** The one origin allowed to call the contract and to be navigated to, e.g. `app://lastmile`. */
  readonly origin: string;
  isTrusted(url: string | null | undefined): boolean;
}

export interface AppOriginOptions {
  isPackaged: boolean;
  /** electron-vite's dev server URL (ELECTRON_RENDERER_URL); honoured only in an unpackaged app. */
  rendererUrl?: string | undefined;
}

/**
 * In development the renderer comes from electron-vite's dev server; otherwise from `app://lastmile`.
 * A packaged app ignores ELECTRON_RENDERER_URL so an environment variable cannot make it trust,
 * and load, another site.
 */
export function resolveAppOrigin(options: AppOriginOptions): AppOrigin {
  const devUrl = !options.isPackaged && options.rendererUrl ? options.rendererUrl : undefined;
  const entryUrl = devUrl ?? APP_ENTRY_URL;
  const origin = originOf(entryUrl);
  if (origin === null) throw new Error(`renderer URL has no usable origin: ${entryUrl}`);
  return {
    entryUrl,
    origin,
    isTrusted: (url) => url != null && originOf(url) === origin,
  };
}

/**
 * The origin of a URL, or null when it has none we could trust. WHATWG URL gives every
 * non-special scheme (app:, file:, data:, blob:…) the opaque origin "null", and two opaque origins
 * must never compare equal, so the app scheme's origin is built from its parsed host instead.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') {
    return `${APP_SCHEME}://${parsed.host.toLowerCase()}`;
  }
  return null;
}
