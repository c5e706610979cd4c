import type { Session } from 'electron';

/**
 * The screens need no camera, microphone, geolocation or notifications permission; refuse every
 * request instead of letting Chromium ask the clerk.
 */
export function denyPermissionRequests(session: Pick<Session, 'setPermissionRequestHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
