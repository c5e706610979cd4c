import type { AppOrigin } from './app-origin';

/**
 * Chromium asks the session before a page may use a device or a browser feature. The app needs
 * two: the camera (video only, no microphone) for the QC and packing photos, and a USB HID POS
 * scale (HID usage page 0x8D, nothing else) for the packing bench, both on its own page.
 * Everything else — microphone, screen capture, geolocation, notifications, USB/serial, other HID
 * devices (a keyboard-wedge scanner is a keyboard, never a raw device), clipboard reads,
 * file-system access — is refused without asking the clerk.
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
  const asked = facts.permission === 'hid' || (facts.permission === 'media' && facts.mediaType === 'video');
  if (!asked || facts.isMainFrame === false) return false;
  return appOrigin.isTrusted(facts.requestingOrigin);
}

/** USB HID POS scale usage page (HID Usage Tables, Scale page). */
const HID_SCALE_USAGE_PAGE = 0x8d;

export interface DeviceFacts {
  deviceType: string;
  origin: string | undefined;
  device: { collections?: ReadonlyArray<{ usagePage?: number }> } | undefined;
}

export const isHidScale = (device: DeviceFacts['device']): boolean =>
  (device?.collections ?? []).some((c) => c.usagePage === HID_SCALE_USAGE_PAGE);

/** A HID scale for the app's own page; WebUSB, WebSerial, Bluetooth and every other HID device: no. */
export function devicePermissionAllowed(facts: DeviceFacts, appOrigin: AppOrigin): boolean {
  return facts.deviceType === 'hid' && appOrigin.isTrusted(facts.origin) && isHidScale(facts.device);
}
