import { z } from 'zod';

/**
 * Which scale the station itself reads (the core's, not the renderer's WebHID one) and where:
 * `tcp://host:port` for a TCP-serial bridge (a serial device server, or ser2net on the PC), or a
 * device path opened as a plain file (`/dev/ttyUSB0`, `/dev/hidraw0`, `\\.\COM3`) — no native
 * module, so a serial line's speed is whatever the device was set to (stty, the bridge's page).
 */
export const STATION_SCALE_KINDS = ['none', 'mt-sics', 'cas', 'hid-pos'] as const;
export type StationScaleKind = (typeof STATION_SCALE_KINDS)[number];

/** The issues a refused scale setting is reported with (VALIDATION_FAILED's `issue`), translated on screen. */
export const SCALE_ADDRESS_ISSUE = 'scale_address';
export const SCALE_ADDRESS_MISSING_ISSUE = 'scale_address_missing';

export type ScaleAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'path'; path: string };

const TCP = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
// A device path: absolute POSIX (`/dev/…`) or a Windows device (`\\.\COM3`); no spaces or controls.
const PATH = /^(?:\/[\w.\-/]+|\\\\\.\\[\w.-]+)$/;

/** The address as the station opens it; null for one it cannot open (empty included). */
export function parseScaleAddress(text: string): ScaleAddress | null {
  const tcp = TCP.exec(text);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65_535) return null;
    const host = (tcp[1] ?? '').replace(/^\[|\]$/g, '');
    return { kind: 'tcp', host, port };
  }
  return PATH.test(text) && !text.includes('..') ? { kind: 'path', path: text } : null;
}

export const scaleKindSchema = z.enum(STATION_SCALE_KINDS);

/** Empty means "no address yet" (a station without a scale); anything else must be openable. */
export const scaleAddressSchema = z
  .string()
  .trim()
  .max(200)
  .refine((text) => text === '' || parseScaleAddress(text) !== null, {
    params: { reason: SCALE_ADDRESS_ISSUE },
  });

/**
 * The check across the two fields (a partial update may send one of them): a scale kind needs an
 * address. Answers the field at fault, or null.
 */
export function scaleSettingsIssue(s: { scaleKind: StationScaleKind; scaleAddress: string }): {
  field: 'scaleAddress';
  issue: typeof SCALE_ADDRESS_MISSING_ISSUE;
} | null {
  return s.scaleKind !== 'none' && s.scaleAddress.trim() === ''
    ? { field: 'scaleAddress', issue: SCALE_ADDRESS_MISSING_ISSUE }
    : null;
}
