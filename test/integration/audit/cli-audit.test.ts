import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAnchor } from '../../../src/main/audit/audit-heads';
import type { AuditVerification } from '../../../src/main/audit/audit-verify';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { openDatabase } from '../../../src/main/db/open';
import { appendRows, stationFile, tamper } from '../../helpers/audit-fixtures';
import { REPO_ROOT, runChild, startChild, stopChild, type Child } from '../../helpers/child-process';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');
const lastmile = (...args: string[]) => runChild(process.execPath, [BIN, ...args]);
const sha256 = (file: string): string =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const temps = new TempDirs();
const children: Child[] = [];
let station: string;
let stationId: string;

/** A station folder with 12 rows, closed; each test that tampers works on its own copy. */
beforeAll(async () => {
  station = temps.make('cli-audit-');
  const { core } = makeTestCore(station);
  await appendRows(core, 12);
  stationId = core.stationId;
  await core.close();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stopChild(c)));
});
afterAll(() => temps.cleanup());

function copyStation(): string {
  const dir = temps.make('cli-audit-copy-');
  fs.copyFileSync(stationFile(station), stationFile(dir));
  return dir;
}

describe('lastmile audit verify', () => {
  it('exits 0 on an intact log with a one-line summary, and reads the file without changing it', async () => {
    const before = sha256(stationFile(station));
    const r = await lastmile('audit', 'verify', '--data', station);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^audit log intact: 12 rows, 1 chain; last: ${stationId} seq 12 hash [0-9a-f]{64}\\n$`),
    );
    expect(sha256(stationFile(station))).toBe(before);
  });

  it('--json prints the whole result', async () => {
    const r = await lastmile('audit', 'verify', '--data', station, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as AuditVerification;
    expect(result).toMatchObject({
      ok: true,
      rows: 12,
      problem: null,
      chains: [{ chain: stationId, seq: 12 }],
    });
  });

  it('exits 1 naming the first bad row after one row was edited by hand', async () => {
    const dir = copyStation();
    tamper(stationFile(dir), (db) =>
      db.prepare(`UPDATE audit_log SET details = '{"i":4}' WHERE id = 4`).run(),
    );
    const r = await lastmile('audit', 'verify', '--data', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `audit log BROKEN at row 4 (seq 4, chain ${stationId}): content edited — row 4 (seq 4) was changed after it was written: its content no longer matches its hash (3 rows before it verified)\n`,
    );
    const json = await lastmile('audit', 'verify', '--data', dir, '--json');
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as AuditVerification).problem).toMatchObject({ fault: 'edited', id: 4 });
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [
      ['audit'],
      ['audit', 'check'],
      ['audit', 'verify'],
      ['audit', 'verify', '--data', station, '--fast'],
    ]) {
      const r = await lastmile(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^lastmile: /);
    }
  });

  it('exits 4 when the data folder is unusable, and creates nothing there', async () => {
    const empty = temps.make('cli-audit-empty-');
    const notSqlite = temps.make('cli-audit-junk-');
    fs.writeFileSync(stationFile(notSqlite), 'not a database at all');
    const preChain = temps.make('cli-audit-old-');
    openDatabase({
      file: stationFile(preChain),
      migrations: MIGRATIONS.filter((m) => !m.name.startsWith('audit/')),
    }).close();
    const cases: [string, RegExp][] = [
      [path.join(empty, 'missing'), /no station database at/],
      [empty, /no station database at/],
      [notSqlite, /is not a SQLite database/],
      [preChain, /from before the hash chain .*start the station once/],
    ];
    for (const [dir, message] of cases) {
      const r = await lastmile('audit', 'verify', '--data', dir);
      expect(r.code, dir).toBe(4);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('works while a station process keeps appending, which goes on undisturbed', async () => {
    const dir = copyStation();
    const writer = startChild(process.execPath, [
      '--import',
      'tsx',
      path.join(__dirname, '..', 'fixtures', 'audit-appender.ts'),
      dir,
      'live',
      '0',
      'immediate',
    ]);
    children.push(writer);
    await writer.waitForLine(/^ready$/, 120_000);
    writer.proc.stdin.write('go\n');
    await writer.waitForLine(/^appended 20$/, 60_000);
    const r = await lastmile('audit', 'verify', '--data', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const verifiedRows = Number(/intact: (\d+) rows/.exec(r.stdout)?.[1]);
    expect(verifiedRows).toBeGreaterThanOrEqual(12 + 20);
    // The writer was never blocked: it appends well past what verify saw.
    await writer.waitForLine(
      new RegExp(`^appended ${Math.ceil((verifiedRows - 12) / 10) * 10 + 30}$`),
      60_000,
    );
    writer.proc.stdin.end();
    const [, appended] = (await writer.waitForLine(/^done (\d+) \d+$/, 60_000)) ?? [];
    const after = await lastmile('audit', 'verify', '--data', dir, '--json');
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as AuditVerification).rows).toBe(12 + Number(appended));
  }, 240_000);
});

describe('lastmile audit head and verify --anchor', () => {
  it('a head taken before (as JSON, or a backup file) catches the last row deleted; a bad anchor is usage', async () => {
    const dir = copyStation();
    const head = await lastmile('audit', 'head', '--data', dir, '--json');
    expect(head.code).toBe(0);
    const anchor = JSON.parse(head.stdout) as AuditAnchor;
    expect(anchor).toMatchObject({
      format: 'lastmile-audit-anchor/1',
      heads: [{ chain: stationId, seq: 12, id: 12, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    const anchorFile = path.join(temps.make('cli-audit-anchor-'), 'head.json');
    fs.writeFileSync(anchorFile, head.stdout);
    // A backup manifest holding the anchor under "audit", and a backup copy of the database itself.
    const manifest = path.join(path.dirname(anchorFile), 'manifest.json');
    fs.writeFileSync(manifest, JSON.stringify({ kind: 'daily', audit: anchor }));
    const backup = path.join(path.dirname(anchorFile), 'lastmile-backup.sqlite');
    fs.copyFileSync(stationFile(dir), backup);

    const text = await lastmile('audit', 'head', '--data', dir);
    expect(text.stdout).toMatch(new RegExp(`^${stationId} seq 12 hash ${anchor.heads[0]?.hash} \\(row 12, `));

    tamper(stationFile(dir), (db) => db.prepare('DELETE FROM audit_log WHERE id = 12').run());
    expect((await lastmile('audit', 'verify', '--data', dir)).code).toBe(0);
    for (const file of [anchorFile, manifest, backup]) {
      const r = await lastmile('audit', 'verify', '--data', dir, '--anchor', file);
      expect(r.code, file).toBe(1);
      expect(r.stdout).toMatch(
        /^audit log BROKEN at the end of chain .*: rows deleted from the end — .*ends at seq 11 \(row 11\) but the anchor recorded seq 12/,
      );
    }
    const junk = path.join(path.dirname(anchorFile), 'junk.json');
    fs.writeFileSync(junk, '{"heads": "no"}');
    const bad = await lastmile('audit', 'verify', '--data', dir, '--anchor', junk);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--anchor .*junk\.json: is not an audit anchor/);
  }, 120_000);
});
