import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditRow } from '../../../src/main/audit/audit-hash';
import type { AuditHead } from '../../../src/main/audit/audit-log';
import {
  appendRows,
  headOf,
  stationFile,
  storedRows,
  tamper,
  verifyFile,
  type StoredRow,
} from '../../helpers/audit-fixtures';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

/**
 * One real station log of 20 rows (ids and seqs 1…20), written through record(); every test
 * tampers with its own copy of the file by hand and checks which row verify names first.
 */
const temps = new TempDirs();
let base: string;
let stationId: string;
let original: StoredRow[];

beforeAll(async () => {
  const dir = temps.make('audit-base-');
  const { core } = makeTestCore(dir);
  await appendRows(core, 20);
  stationId = core.stationId;
  await core.close();
  base = stationFile(dir);
  tamper(base, (db) => (original = storedRows(db)));
});
afterAll(() => temps.cleanup());

function copy(): string {
  const file = path.join(temps.make('audit-case-'), 'lastmile.sqlite');
  fs.copyFileSync(base, file);
  return file;
}

const row = (seq: number): StoredRow => {
  const r = original.find((o) => o.seq === seq);
  if (!r) throw new Error(`no seq ${seq}`);
  return r;
};

/** What someone who knows the format writes: a row whose own hash is right. */
function forged(fields: Partial<StoredRow> & { seq: number; prev_hash: string }): StoredRow {
  const r: StoredRow = {
    ...row(1),
    id: 0,
    at: row(20).at,
    action: 'test.forged',
    entity_id: 'P-forged',
    details: '{"forged":true}',
    ...fields,
    hash: '',
  };
  r.hash = hashAuditRow({
    chain: r.chain,
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    station: r.station,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details,
    prevHash: r.prev_hash,
  });
  return r;
}

function insert(db: import('better-sqlite3').Database, r: StoredRow, withId: boolean): number {
  const cols = [
    'at',
    'user_id',
    'station',
    'action',
    'entity_type',
    'entity_id',
    'details',
    'chain',
    'seq',
    'prev_hash',
    'hash',
  ];
  const names = withId ? ['id', ...cols] : cols;
  const values = names.map((c) => r[c as keyof StoredRow]);
  return Number(
    db
      .prepare(`INSERT INTO audit_log (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
      .run(...values).lastInsertRowid,
  );
}

/** Recomputes row hashes from `fromSeq` on, as someone rewriting the chain with the format would. */
function rehashFrom(db: import('better-sqlite3').Database, fromSeq: number): void {
  const rows = storedRows(db);
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const r of rows.filter((x) => x.seq >= fromSeq)) {
    const next = forged({ ...r, prev_hash: prev });
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, next.hash, r.id);
    prev = next.hash;
  }
}

describe('an intact log', () => {
  it('verifies: every row, one chain, the head the station itself reports', () => {
    expect(original.map((r) => [r.id, r.seq])).toEqual(original.map((_r, i) => [i + 1, i + 1]));
    const result = verifyFile(copy());
    expect(result).toEqual({
      ok: true,
      rows: 20,
      anchors: 0,
      problem: null,
      chains: [{ chain: stationId, rows: 20, seq: 20, hash: row(20).hash, lastId: 20 }],
    });
  });

  it('verifies against an anchor taken from it, with every batch size', () => {
    const file = copy();
    for (const batchSize of [1, 3, 20, 1000]) {
      expect(verifyFile(file, { batchSize, anchors: [headOf(row(20)), headOf(row(7))] })).toMatchObject({
        ok: true,
        rows: 20,
        anchors: 2,
      });
    }
  });
});

describe('a log edited by hand', () => {
  for (const [column, value] of [
    ['details', '{"i":7,"note":"nothing happened"}'],
    ['at', 1],
    ['user_id', 'supervisor'],
    ['action', 'test.other'],
    ['entity_id', 'P999'],
    ['station', 'QC-9'],
  ] as const) {
    it(`one row's ${column} changed: that row is named, as content edited`, () => {
      const file = copy();
      tamper(file, (db) => db.prepare(`UPDATE audit_log SET ${column} = ? WHERE id = 7`).run(value));
      const result = verifyFile(file);
      expect(result.ok).toBe(false);
      expect(result.problem).toMatchObject({ fault: 'edited', id: 7, seq: 7, chain: stationId });
      expect(result.rows).toBe(6);
    });
  }

  it('one row edited and its own hash recomputed: the next row no longer links to it', () => {
    const file = copy();
    tamper(file, (db) => {
      const r = forged({ ...row(7), details: '{"i":7,"note":"nothing happened"}' });
      db.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE id = 7').run(r.details, r.hash);
    });
    expect(verifyFile(file).problem).toMatchObject({
      fault: 'deleted',
      id: 8,
      seq: 8,
      detail: expect.stringContaining('does not link to seq 7 (row 7)'),
    });
  });
});

describe('a log with rows deleted', () => {
  it('a middle row: the row after the gap is named, with the seq that is missing', () => {
    const file = copy();
    tamper(file, (db) => db.prepare('DELETE FROM audit_log WHERE id = 10').run());
    expect(verifyFile(file).problem).toEqual({
      fault: 'deleted',
      id: 11,
      chain: stationId,
      seq: 11,
      detail: 'seq 10 is missing before row 11 (seq 11): deleted',
    });
  });

  it('several rows, and the first row of the chain', () => {
    const several = copy();
    tamper(several, (db) => db.prepare('DELETE FROM audit_log WHERE id BETWEEN 10 AND 12').run());
    expect(verifyFile(several).problem).toMatchObject({
      fault: 'deleted',
      id: 13,
      detail: 'seq 10–12 are missing before row 13 (seq 13): deleted',
    });
    const first = copy();
    tamper(first, (db) => db.prepare('DELETE FROM audit_log WHERE id = 1').run());
    expect(verifyFile(first).problem).toMatchObject({ fault: 'deleted', id: 2, seq: 2 });
  });

  it('the last row: invisible to the chain alone, found against a head anchored before', () => {
    const file = copy();
    const anchor: AuditHead = headOf(row(20));
    tamper(file, (db) => db.prepare('DELETE FROM audit_log WHERE id = 20').run());
    // What the chain cannot prove by itself (docs/AUDIT.md): a shorter log is a valid log.
    expect(verifyFile(file)).toMatchObject({ ok: true, rows: 19 });
    const anchored = verifyFile(file, { anchors: [anchor] });
    expect(anchored.ok).toBe(false);
    expect(anchored.problem).toEqual({
      fault: 'truncated',
      id: null,
      chain: stationId,
      seq: 20,
      detail: `chain ${stationId} ends at seq 19 (row 19) but the anchor recorded seq 20: seq 20 deleted from the end`,
    });
    // An older anchor proves only what existed when it was taken.
    expect(verifyFile(file, { anchors: [headOf(row(15))] }).ok).toBe(true);
  });

  it('the whole chain rewritten from row 3 on: consistent in itself, caught by the anchor', () => {
    const file = copy();
    tamper(file, (db) => {
      db.prepare(`UPDATE audit_log SET details = '{"i":3,"note":"rewritten"}' WHERE id = 3`).run();
      rehashFrom(db, 3);
    });
    expect(verifyFile(file).ok).toBe(true);
    expect(verifyFile(file, { anchors: [headOf(row(20))] }).problem).toMatchObject({
      fault: 'rewritten',
      id: 20,
      seq: 20,
      detail: expect.stringContaining('the chain up to seq 20 was rewritten'),
    });
  });
});

describe('a log with rows inserted or moved', () => {
  it('a row slipped in among old rows (later ids moved up to make room): that row is named', () => {
    const file = copy();
    tamper(file, (db) => {
      db.prepare('UPDATE audit_log SET id = id + 100 WHERE id >= 6').run();
      // It claims to be the next append (seq 21, after row 20), but is stored where row 6 was.
      insert(db, forged({ id: 6, seq: 21, prev_hash: row(20).hash }), true);
    });
    expect(verifyFile(file).problem).toEqual({
      fault: 'out_of_order',
      id: 6,
      chain: stationId,
      seq: 21,
      detail: 'row 6 (seq 21) is stored before seq 6 (row 106): a row was inserted or moved out of order',
    });
  });

  it('a row put before the first one (id 0)', () => {
    const file = copy();
    tamper(file, (db) => insert(db, forged({ id: 0, seq: 21, prev_hash: row(20).hash }), true));
    expect(verifyFile(file).problem).toMatchObject({ fault: 'out_of_order', id: 0, seq: 21 });
  });

  it('two rows swapped: the first of them is named', () => {
    const file = copy();
    tamper(file, (db) => {
      db.prepare('UPDATE audit_log SET id = -1 WHERE id = 5').run();
      db.prepare('UPDATE audit_log SET id = 5 WHERE id = 9').run();
      db.prepare('UPDATE audit_log SET id = 9 WHERE id = -1').run();
    });
    expect(verifyFile(file).problem).toEqual({
      fault: 'out_of_order',
      id: 5,
      chain: stationId,
      seq: 9,
      detail: 'row 5 (seq 9) is stored before seq 5 (row 9): a row was inserted or moved out of order',
    });
  });

  it('a second row at a taken seq (the unique index dropped first): the chain forked', () => {
    const file = copy();
    let id = 0;
    tamper(file, (db) => {
      // The index refuses it as long as it exists…
      expect(() => insert(db, forged({ seq: 15, prev_hash: row(14).hash }), false)).toThrow(/UNIQUE/);
      db.exec('DROP INDEX audit_by_chain_seq');
      id = insert(db, forged({ seq: 15, prev_hash: row(14).hash }), false);
    });
    expect(id).toBe(21);
    expect(verifyFile(file).problem).toEqual({
      fault: 'forked',
      id: 21,
      chain: stationId,
      seq: 15,
      detail: 'row 21 is a second seq 15 after seq 14 (the first is row 15): the chain forked',
    });
  });

  it('a row appended after the last row but one: the chain forked', () => {
    const file = copy();
    tamper(file, (db) => insert(db, forged({ seq: 21, prev_hash: row(19).hash }), false));
    expect(verifyFile(file).problem).toEqual({
      fault: 'forked',
      id: 21,
      chain: stationId,
      seq: 21,
      detail: 'row 21 (seq 21) follows seq 19, as seq 20 (row 20) does: the chain forked',
    });
  });

  it('a row inserted the old way (trigger dropped first): a row outside the chain', () => {
    const file = copy();
    tamper(file, (db) => {
      const old = db.prepare(
        `INSERT INTO audit_log (at, user_id, station, action, entity_type, entity_id, details)
         VALUES (1, NULL, 'QC-1', 'test.old', 'parcel', 'P0', '{}')`,
      );
      expect(() => old.run()).toThrow(/appended by AuditLog.record/);
      db.exec('DROP TRIGGER audit_log_appends_chained');
      old.run();
    });
    expect(verifyFile(file).problem).toMatchObject({ fault: 'unchained', id: 21, seq: null });
  });

  it('of several tamperings, the one at the lowest row is named first', () => {
    const file = copy();
    tamper(file, (db) => {
      db.prepare(`UPDATE audit_log SET details = '{}' WHERE id = 12`).run();
      db.prepare('DELETE FROM audit_log WHERE id = 5').run();
    });
    expect(verifyFile(file).problem).toMatchObject({ fault: 'deleted', id: 6 });
  });
});
