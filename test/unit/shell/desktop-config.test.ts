import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DESKTOP_CONFIG,
  DESKTOP_CONFIG_FILE,
  loadDesktopConfig,
} from '../../../src/main/shell/desktop-config';
import { installTimeOf } from '../../../src/main/shell/desktop-updates';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function load(json: unknown) {
  const dir = dirs.make();
  fs.writeFileSync(
    path.join(dir, DESKTOP_CONFIG_FILE),
    typeof json === 'string' ? json : JSON.stringify(json),
  );
  return loadDesktopConfig(dir);
}

describe('the administrator’s desktop configuration', () => {
  it('without a file: safe defaults (no updates, no external links, weak secret stores refused)', () => {
    expect(loadDesktopConfig(dirs.make())).toEqual({ config: DEFAULT_DESKTOP_CONFIG, problem: null });
    expect(DEFAULT_DESKTOP_CONFIG).toMatchObject({
      externalLinks: { allowedHosts: [] },
      updates: { url: null, channel: 'stable', installAt: null },
      secrets: { allowPlainTextBackend: false },
    });
  });

  it('reads updates, links and the secret-store confirmation', () => {
    const { config, problem } = load({
      updates: {
        url: 'https://updates.wh-bkk.example/lastmile/',
        channel: 'beta',
        installAt: '12:30',
        minIdleMinutes: 15,
      },
      externalLinks: { allowedHosts: ['Help.LastMile.example', '*.carrier.example'] },
      secrets: { allowPlainTextBackend: true },
    });
    expect(problem).toBeNull();
    expect(config.updates).toMatchObject({
      url: 'https://updates.wh-bkk.example/lastmile/',
      channel: 'beta',
      installAt: '12:30',
    });
    expect(config.externalLinks.allowedHosts).toEqual(['help.lastmile.example', '*.carrier.example']);
    expect(installTimeOf(config.updates, 420)).toEqual({
      at: { hour: 12, minute: 30 },
      windowMinutes: 120,
      minIdleMinutes: 15,
      utcOffsetMinutes: 420,
    });
  });

  it('refuses the whole file (defaults + a problem to log) for plain-http updates, bad hosts, unknown keys, broken JSON', () => {
    for (const bad of [
      { updates: { url: 'http://updates.wh.example/' } },
      { updates: { installAt: '25:00' } },
      { externalLinks: { allowedHosts: ['https://help.example/'] } },
      { updates: { channel: 'nightly' } },
      { unknown: true },
      '{ not json',
    ]) {
      const result = load(bad);
      expect(result.config, JSON.stringify(bad)).toEqual(DEFAULT_DESKTOP_CONFIG);
      expect(result.problem, JSON.stringify(bad)).toMatch(/desktop-config\.json/);
    }
    // A local test server is the one plain-http exception.
    expect(load({ updates: { url: 'http://127.0.0.1:8080/' } }).problem).toBeNull();
  });
});
