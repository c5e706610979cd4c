import type { AppOrigin } from './app-origin';
import { validateExternalUrl, type ExternalLinkPolicy } from './external-links';

export type NavigationVerdict =
  | { action: 'allow' }
  | { action: 'deny' }
  /** Not in the app window, but in the system browser: an allow-listed https link the clerk clicked. */
  | { action: 'open-external'; url: string };

export type NavigationKind = 'navigate' | 'redirect' | 'frame' | 'window-open';

/**
 * Where a page may go. The window stays on the app's own origin: a page elsewhere would keep the
 * preload's bridge to the core. A link the page tries to follow (or open in a new window) to an
 * allow-listed https site goes to the system browser instead; a redirect never does, since the
 * server, not the clerk, chose it.
 */
export function navigationVerdict(
  url: string,
  kind: NavigationKind,
  appOrigin: AppOrigin,
  links: ExternalLinkPolicy,
): NavigationVerdict {
  // The app never opens a second window of its own, so window.open to its own origin is refused too.
  if (kind !== 'window-open' && appOrigin.isTrusted(url)) return { action: 'allow' };
  if (kind === 'navigate' || kind === 'window-open') {
    const external = validateExternalUrl(url, links);
    if (external.ok) return { action: 'open-external', url: external.url };
  }
  return { action: 'deny' };
}
