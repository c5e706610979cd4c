import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Recognition } from '../../src/shared/codes/recognise';
import { REPO_ROOT, runChild, startChild } from '../helpers/child-process';

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');
const GS = '\u001d';
const lastmile = (...args: string[]) => runChild(process.execPath, [BIN, ...args]);

function parseLines(stdout: string): Recognition[] {
  const lines = stdout.split('\n');
  expect(lines.at(-1)).toBe('');
  return lines.slice(0, -1).map((l) => JSON.parse(l) as Recognition);
}

describe('lastmile recognize', () => {
  it('prints one JSON object per code, in order, and exits 0', async () => {
    const r = await lastmile(
      'recognize',
      'RB123456785GB',
      '1Z999AA10123456784',
      'nonsense',
      `]C100340123450000000000`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = parseLines(r.stdout);
    expect(out.map((o) => [o.input, o.kind, o.carrier, o.valid])).toEqual([
      ['RB123456785GB', 'tracking', 'royalmail', true],
      ['1Z999AA10123456784', 'tracking', 'ups', true],
      ['nonsense', 'unknown', null, false],
      [']C100340123450000000000', 'sscc', null, true],
    ]);
    expect(out[0]?.candidates[0]).toMatchObject({
      format: 'upu-s10',
      check: 'passed',
      score: expect.any(Number),
    });
  });

  it('reads codes from stdin with -, one per line, keeping GS and answering every line', async () => {
    const child = startChild(process.execPath, [BIN, 'recognize', '--market', 'TH', '-']);
    const codes = Array.from({ length: 500 }, (_, i) =>
      i % 3 === 0 ? `]C10109501101530003${GS}10LOT${i}` : i % 3 === 1 ? 'TH0112345678' : `LP${i}`,
    );
    child.proc.stdin.end(codes.join('\r\n') + '\r\n');
    const { code } = await child.exited;
    expect(child.stderr()).toBe('');
    expect(code).toBe(0);
    const out = parseLines(child.stdout());
    expect(out).toHaveLength(codes.length);
    expect(out.map((o) => o.input)).toEqual(codes);
    expect(out[0]).toMatchObject({
      kind: 'gs1',
      code: `0109501101530003${GS}10LOT0`,
      display: '0109501101530003‹GS›10LOT0',
    });
    expect(out[1]).toMatchObject({ kind: 'tracking', carrier: 'flash' });
    expect(out[2]).toMatchObject({ kind: 'unknown' });
  });

  it('answers a 4 KB argument and control characters without failing', async () => {
    const r = await lastmile('recognize', 'X'.repeat(4096), '\u0002RB123456785GB\u0003', '--', '-A-01-02');
    expect(r.code).toBe(0);
    const out = parseLines(r.stdout);
    expect(out.map((o) => o.kind)).toEqual(['unknown', 'tracking', 'unknown']);
    expect(out[1]?.notes).toEqual(['leading STX', 'trailing ETX']);
  });

  it.each([
    [[], 'recognize needs a CODE, or - to read codes from stdin'],
    [['--json', 'X'], 'recognize: unknown option "--json"'],
    [['--market', 'XX', 'X'], '--market must be ISO country codes, not "XX"'],
    [['--market'], '--market needs a country code'],
    [['-', '-'], 'recognize reads stdin once'],
  ])('%j exits 2 with a clear line and the usage', async (args, message) => {
    const r = await lastmile('recognize', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain(message);
    expect(r.stderr).toContain('lastmile recognize [--market');
  });
});
