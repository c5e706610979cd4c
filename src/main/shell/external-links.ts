/**
 * Which links may leave the app for the system browser. `shell.openExternal` hands a URL to the
 * operating system, which will run whatever handler a scheme has (file:, smb:, ms-msdt:, custom
 * schemes of installed programs), so only https to a host an administrator listed gets through.
 */
export interface ExternalLinkPolicy {
  /** Host names, lower case; `*.example.com` also allows every sub-domain (not example.com itself). */
  readonly allowedHosts: readonly string[];
}

export type ExternalLinkVerdict =
  | { ok: true; url: string }
  | { ok: false; reason: 'unparsable' | 'not_https' | 'credentials' | 'port' | 'host_not_allowed' };

const MAX_URL_LENGTH = 2048;

export function validateExternalUrl(raw: string, policy: ExternalLinkPolicy): ExternalLinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) {
    return { ok: false, reason: 'unparsable' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'unparsable' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not_https' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  // A non-default port is another service on that host, not the page the administrator meant.
  if (url.port !== '') return { ok: false, reason: 'port' };
  if (!hostAllowed(url.hostname, policy.allowedHosts)) return { ok: false, reason: 'host_not_allowed' };
  // The serialised form, so what is opened is exactly what was checked (no stray whitespace or case tricks).
  return { ok: true, url: url.href };
}

function hostAllowed(hostname: string, allowedHosts: readonly string[]): boolean {
  // URL has already lower-cased and punycoded the host; a trailing dot names the same host.
  const host = hostname.replace(/\.$/, '');
  for (const entry of allowedHosts) {
    const allowed = entry.trim().toLowerCase().replace(/\.$/, '');
    if (allowed === '') continue;
    if (allowed.startsWith('*.')) {
      const suffix = allowed.slice(1); // ".example.com"
      if (host.endsWith(suffix) && host.length > suffix.length) return true;
    } else if (host === allowed) {
      return true;
    }
  }
  return false;
}
