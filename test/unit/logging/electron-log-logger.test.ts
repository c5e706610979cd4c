import electronLog from 'electron-log/node';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingFileLogger } from '../../../src/main/logger';
import { APP_LOG_FILE, electronLogLogger } from '../../../src/main/shell/electron-log-logger';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const strip = (line: string): string => line.replace(/^\S+ /, '');

describe('the app’s electron-log logger', () => {
  it('writes the same line format as the station server’s file logger, redacted', () => {
    const dir = dirs.make();
    const app = electronLogLogger(electronLog, { dir, maxBytes: 1_000_000, maxFiles: 3 });
    const station = createRotatingFileLogger({ dir, fileName: 'station.log' });
    for (const log of [app, station]) {
      log.warn('carrier refused credentials', { destination: 'jnt', apiKey: 'k-123', status: 401 });
      log.info('scan recorded', { code: 'TH1234567890' });
    }
    const appLines = fs.readFileSync(path.join(dir, APP_LOG_FILE), 'utf8').trimEnd().split('\n');
    const stationLines = fs.readFileSync(path.join(dir, 'station.log'), 'utf8').trimEnd().split('\n');
    expect(appLines).toHaveLength(2);
    expect(appLines.map(strip)).toEqual(stationLines.map(strip));
    expect(appLines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z warn carrier refused credentials \{"destination":"jnt","apiKey":"\[redacted\]","status":401\}$/,
    );
  });

  it('rotates like the file logger: main.log, main.1.log, … at most maxFiles', () => {
    const dir = dirs.make();
    const log = electronLogLogger(electronLog, { dir, maxBytes: 4096, maxFiles: 3 });
    for (let i = 0; i < 400; i++) log.info(`line ${i}`, { pad: 'y'.repeat(60) });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('line 399');
  });
});
