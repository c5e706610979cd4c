import { describe, expect, it } from 'vitest';
import { resolveAppOrigin } from '../../../src/main/shell/app-origin';
import {
  devicePermissionAllowed,
  permissionCheckAllowed,
  permissionRequestAllowed,
} from '../../../src/main/shell/permission-policy';

const app = resolveAppOrigin({ isPackaged: true });
const page = 'app://lastmile/index.html#/receive';

describe('permission requests', () => {
  it('grant the camera, video only, to the app page', () => {
    expect(
      permissionRequestAllowed(
        { permission: 'media', requestingUrl: page, isMainFrame: true, mediaTypes: ['video'] },
        app,
      ),
    ).toBe(true);
    expect(
      permissionRequestAllowed(
        {
          permission: 'media',
          requestingUrl: page,
          isMainFrame: true,
          mediaTypes: ['video'],
          securityOrigin: 'app://lastmile/',
        },
        app,
      ),
    ).toBe(true);
  });

  it('refuse the microphone, camera+microphone, an unspecified media request', () => {
    for (const mediaTypes of [['audio'], ['video', 'audio'], [], undefined]) {
      expect(
        permissionRequestAllowed(
          { permission: 'media', requestingUrl: page, isMainFrame: true, mediaTypes },
          app,
        ),
        JSON.stringify(mediaTypes),
      ).toBe(false);
    }
  });

  it('refuse the camera to any other origin, a sub-frame, or a mismatching security origin', () => {
    for (const requestingUrl of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/', undefined]) {
      expect(
        permissionRequestAllowed(
          { permission: 'media', requestingUrl, isMainFrame: true, mediaTypes: ['video'] },
          app,
        ),
      ).toBe(false);
    }
    expect(
      permissionRequestAllowed(
        { permission: 'media', requestingUrl: page, isMainFrame: false, mediaTypes: ['video'] },
        app,
      ),
    ).toBe(false);
    expect(
      permissionRequestAllowed(
        {
          permission: 'media',
          requestingUrl: page,
          isMainFrame: true,
          mediaTypes: ['video'],
          securityOrigin: 'https://evil.example',
        },
        app,
      ),
    ).toBe(false);
  });

  it('refuse everything else, even to the app page', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'display-capture',
      'clipboard-read',
      'openExternal',
      'fileSystem',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'unknown',
    ]) {
      expect(
        permissionRequestAllowed(
          { permission, requestingUrl: page, isMainFrame: true, mediaTypes: ['video'] },
          app,
        ),
        permission,
      ).toBe(false);
    }
  });
});

describe('permission checks and devices', () => {
  it('answer yes only to "may the app page see cameras"', () => {
    expect(
      permissionCheckAllowed(
        { permission: 'media', requestingOrigin: 'app://lastmile', mediaType: 'video' },
        app,
      ),
    ).toBe(true);
    expect(
      permissionCheckAllowed(
        { permission: 'media', requestingOrigin: 'app://lastmile', mediaType: 'audio' },
        app,
      ),
    ).toBe(false);
    expect(
      permissionCheckAllowed(
        { permission: 'media', requestingOrigin: 'app://lastmile', mediaType: 'unknown' },
        app,
      ),
    ).toBe(false);
    expect(
      permissionCheckAllowed(
        { permission: 'media', requestingOrigin: 'https://evil.example', mediaType: 'video' },
        app,
      ),
    ).toBe(false);
    expect(
      permissionCheckAllowed(
        { permission: 'media', requestingOrigin: 'app://lastmile', mediaType: 'video', isMainFrame: false },
        app,
      ),
    ).toBe(false);
    // A USB scale's device list, for the app's page only.
    expect(permissionCheckAllowed({ permission: 'hid', requestingOrigin: 'app://lastmile' }, app)).toBe(true);
    expect(permissionCheckAllowed({ permission: 'hid', requestingOrigin: 'https://evil.example' }, app)).toBe(
      false,
    );
    for (const permission of ['serial', 'usb', 'geolocation', 'clipboard-read', 'notifications']) {
      expect(
        permissionCheckAllowed({ permission, requestingOrigin: 'app://lastmile' }, app),
        permission,
      ).toBe(false);
    }
  });

  it('grant a HID POS scale to the app page, and no other device', () => {
    const scale = { collections: [{ usagePage: 0x8d, usage: 0x20 }] };
    const keyboard = { collections: [{ usagePage: 0x01, usage: 0x06 }] };
    const ask = (deviceType: string, origin: string, device: typeof scale) =>
      devicePermissionAllowed({ deviceType, origin, device }, app);
    expect(ask('hid', 'app://lastmile', scale)).toBe(true);
    expect(ask('hid', 'app://lastmile', keyboard)).toBe(false);
    expect(ask('hid', 'https://evil.example', scale)).toBe(false);
    expect(ask('usb', 'app://lastmile', scale)).toBe(false);
    expect(ask('serial', 'app://lastmile', scale)).toBe(false);
    expect(
      devicePermissionAllowed({ deviceType: 'hid', origin: 'app://lastmile', device: undefined }, app),
    ).toBe(false);
  });
});
