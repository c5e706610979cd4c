import type { Session } from 'electron';
import type { Logger } from '../logger';
import type { AppOrigin } from './app-origin';
import {
  devicePermissionAllowed,
  isHidScale,
  permissionCheckAllowed,
  permissionRequestAllowed,
  type DeviceFacts,
} from './permission-policy';

export type PolicySession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'on'
>;

/**
 * The session's answers to the page: the camera for the app's own page, nothing else, and never a
 * prompt for the clerk to click through. Screen capture and downloads are refused as well.
 */
export function applySessionPolicy(session: PolicySession, appOrigin: AppOrigin, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as { mediaTypes?: string[]; securityOrigin?: string };
    const granted = permissionRequestAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: media.mediaTypes,
        securityOrigin: media.securityOrigin,
      },
      appOrigin,
    );
    if (!granted) {
      logger.warn('permission refused', { permission, url: String(details.requestingUrl).slice(0, 200) });
    }
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionCheckAllowed(
      { permission, requestingOrigin, mediaType: details.mediaType, isMainFrame: details.isMainFrame },
      appOrigin,
    ),
  );
  session.setDevicePermissionHandler((details) =>
    devicePermissionAllowed(
      {
        deviceType: details.deviceType,
        origin: details.origin,
        device: details.device as DeviceFacts['device'],
      },
      appOrigin,
    ),
  );
  // The packer presses U with no mouse at hand: the scale is picked here, never a chooser to click.
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    const scale = appOrigin.isTrusted(details.frame?.url) ? details.deviceList.find(isHidScale) : undefined;
    if (!scale) logger.warn('no USB scale to connect', { devices: details.deviceList.length });
    callback(scale?.deviceId);
  });
  // An empty answer refuses the capture.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('will-download', (event, item) => {
    event.preventDefault();
    logger.warn('download refused', { url: item.getURL().slice(0, 200) });
  });
}
