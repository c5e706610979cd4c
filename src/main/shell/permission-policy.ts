import type { AppOrigin } from './app-origin';

/**
 * Chromium asks the session before a page may use a device or a browser feature. The app needs
 * exactly one: the camera (video only, no microphone) for the QC station's photos, on its own page.
 * Everything else — microphone, screen capture, geolocation, notifications, USB/HID/serial,
 * clipboard reads, file-system access — is refused without asking the clerk.
 */
export interface PermissionRequestFacts {
  permission: string;
  /** The URL of the frame asking. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** For `media`: what the page asked for (getUserMedia constraints). */
  mediaTypes?: readonly string[] | undefined;
  securityOrigin?: string | undefined;
}

export function permissionRequestAllowed(facts: PermissionRequestFacts, appOrigin: AppOrigin): boolean {
  if (facts.permission !== 'media') return false;
  if (!facts.isMainFrame || !appOrigin.isTrusted(facts.requestingUrl)) return false;
  if (facts.securityOrigin !== undefined && !appOrigin.isTrusted(facts.securityOrigin)) return false;
  const types = facts.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string | undefined;
  /** Only for `media`: which kind of device the page wants to know about. */
  mediaType?: string | undefined;
  isMainFrame?: boolean | undefined;
}

/** The synchronous "may this origin use X" checks (device lists, permission queries). */
export function permissionCheckAllowed(facts: PermissionCheckFacts, appOrigin: AppOrigin): boolean {
  if (facts.permission !== 'media' || facts.mediaType !== 'video') return false;
  if (facts.isMainFrame === false) return false;
  return appOrigin.isTrusted(facts.requestingOrigin);
}

/** WebUSB, WebHID, WebSerial, Bluetooth: scanners are keyboard wedges; no page needs raw devices. */
export function devicePermissionAllowed(): boolean {
  return false;
}
