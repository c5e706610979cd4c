import { describe, expect, it } from 'vitest';
import {
  installDecision,
  insideWindow,
  parseInstallAt,
  type InstallContext,
  type InstallTime,
} from '../../../src/main/updates/update-policy';

const lunch: InstallTime = {
  at: { hour: 13, minute: 0 },
  windowMinutes: 60,
  minIdleMinutes: 10,
  utcOffsetMinutes: 420,
};
/** 13:20 in Bangkok (UTC+7) on 2026-12-01. */
const at1320 = Date.UTC(2026, 11, 1, 6, 20);
const ready = { phase: 'ready', version: '1.1.0', verified: true } as const;

function ctx(overrides: Partial<InstallContext>): InstallContext {
  return {
    update: ready,
    parcelOpen: false,
    idleMinutes: 30,
    now: at1320,
    time: lunch,
    moment: 'tick',
    ...overrides,
  };
}

describe('install decision', () => {
  it('installs a verified update at the idle time, with no parcel open', () => {
    expect(installDecision(ctx({}))).toEqual({ install: true, reason: 'idle_in_install_window' });
  });

  it('never installs with a parcel open, not even on quit', () => {
    expect(installDecision(ctx({ parcelOpen: true }))).toEqual({ install: false, reason: 'parcel_open' });
    expect(installDecision(ctx({ parcelOpen: true, moment: 'quit' }))).toEqual({
      install: false,
      reason: 'parcel_open',
    });
  });

  it('never installs what is not downloaded, not verified, or failed verification', () => {
    for (const update of [
      { phase: 'none' },
      { phase: 'checking' },
      { phase: 'downloading', version: '1.1.0' },
      { phase: 'rejected', version: '1.1.0', reason: 'verification_failed' },
    ] as const) {
      expect(installDecision(ctx({ update, moment: 'quit' })), update.phase).toEqual({
        install: false,
        reason: 'nothing_ready',
      });
    }
    expect(installDecision(ctx({ update: { ...ready, verified: false }, moment: 'quit' }))).toEqual({
      install: false,
      reason: 'not_verified',
    });
  });

  it('on quit installs whatever the time', () => {
    expect(
      installDecision(ctx({ moment: 'quit', now: Date.UTC(2026, 11, 1, 1, 0), idleMinutes: 0 })),
    ).toEqual({
      install: true,
      reason: 'on_quit',
    });
  });

  it('waits outside the window, and until nobody touched the machine for long enough', () => {
    expect(installDecision(ctx({ now: Date.UTC(2026, 11, 1, 5, 59) }))).toMatchObject({
      reason: 'outside_install_window',
    });
    expect(installDecision(ctx({ now: Date.UTC(2026, 11, 1, 7, 0) }))).toMatchObject({
      reason: 'outside_install_window',
    });
    expect(installDecision(ctx({ idleMinutes: 9.9 }))).toEqual({ install: false, reason: 'not_idle' });
    expect(installDecision(ctx({ time: { ...lunch, at: null } }))).toEqual({
      install: false,
      reason: 'only_on_quit',
    });
  });
});

describe('the install window', () => {
  it('spans midnight', () => {
    const night: InstallTime = {
      at: { hour: 23, minute: 30 },
      windowMinutes: 90,
      minIdleMinutes: 5,
      utcOffsetMinutes: 0,
    };
    expect(insideWindow(Date.UTC(2026, 0, 1, 23, 29), night)).toBe(false);
    expect(insideWindow(Date.UTC(2026, 0, 1, 23, 30), night)).toBe(true);
    expect(insideWindow(Date.UTC(2026, 0, 2, 0, 59), night)).toBe(true);
    expect(insideWindow(Date.UTC(2026, 0, 2, 1, 0), night)).toBe(false);
  });

  it('uses the warehouse’s offset from UTC, negative ones too', () => {
    const ny: InstallTime = {
      at: { hour: 12, minute: 0 },
      windowMinutes: 30,
      minIdleMinutes: 5,
      utcOffsetMinutes: -300,
    };
    expect(insideWindow(Date.UTC(2026, 0, 1, 17, 10), ny)).toBe(true);
    expect(insideWindow(Date.UTC(2026, 0, 1, 12, 10), ny)).toBe(false);
  });

  it('parses HH:MM and nothing else', () => {
    expect(parseInstallAt('13:05')).toEqual({ hour: 13, minute: 5 });
    expect(parseInstallAt('00:00')).toEqual({ hour: 0, minute: 0 });
    for (const bad of ['24:00', '7:00', '12:60', '1pm', '', '12:00:00'])
      expect(parseInstallAt(bad), bad).toBeNull();
  });
});
