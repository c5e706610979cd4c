import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingFileLogger } from '../../../src/main/logger';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|error) .+$/;

describe('the rotating file logger (station server, CLI)', () => {
  it('writes one formatted, redacted line per entry', () => {
    const dir = dirs.make();
    const log = createRotatingFileLogger({
      dir,
      fileName: 'station.log',
      now: () => new Date(Date.UTC(2026, 11, 1, 8)),
    });
    log.info('sync started', { destination: 'ninjavan', clientSecret: 'cs-123' });
    log.error('multi\nline message');
    expect(fs.readFileSync(path.join(dir, 'station.log'), 'utf8')).toBe(
      '2026-12-01T08:00:00.000Z info sync started {"destination":"ninjavan","clientSecret":"[redacted]"}\n' +
        '2026-12-01T08:00:00.000Z error multi line message\n',
    );
  });

  it('caps each file at maxBytes and keeps maxFiles files, the newest lines in the current one', () => {
    const dir = dirs.make();
    const log = createRotatingFileLogger({ dir, fileName: 'station.log', maxBytes: 2048, maxFiles: 3 });
    for (let i = 0; i < 200; i++) log.info(`entry ${String(i).padStart(4, '0')}`, { pad: 'x'.repeat(40) });
    expect(fs.readdirSync(dir).sort()).toEqual(['station.1.log', 'station.2.log', 'station.log']);
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(Buffer.byteLength(text), f).toBeLessThanOrEqual(2048);
      for (const line of text.trimEnd().split('\n')) expect(line).toMatch(LINE);
    }
    const current = fs.readFileSync(path.join(dir, 'station.log'), 'utf8');
    expect(current).toContain('entry 0199');
    const older = fs.readFileSync(path.join(dir, 'station.1.log'), 'utf8');
    const lastOlder = Number(/entry (\d+)/.exec(older.trimEnd().split('\n').at(-1)!)![1]);
    const firstCurrent = Number(/entry (\d+)/.exec(current.split('\n')[0]!)![1]);
    expect(firstCurrent).toBe(lastOlder + 1);
    // The oldest entries were dropped with the oldest file.
    expect(
      fs
        .readdirSync(dir)
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
        .join(''),
    ).not.toContain('entry 0000');
  });

  it('a log that cannot be written does not throw into the caller', () => {
    const dir = dirs.make();
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const log = createRotatingFileLogger({ dir: path.join(blocker, 'logs'), fileName: 'station.log' });
    const original = console.error;
    const seen: string[] = [];
    console.error = (m: string) => seen.push(m);
    try {
      expect(() => log.error('still running')).not.toThrow();
      log.error('again');
    } finally {
      console.error = original;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/cannot write the log file/);
  });
});
