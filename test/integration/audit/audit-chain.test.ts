import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, hashAuditRow } from '../../../src/main/audit/audit-hash';
import { AuditLog } from '../../../src/main/audit/audit-log';
import { verifyAuditLog } from '../../../src/main/audit/audit-verify';
import { writeTransaction } from '../../../src/main/db/write';
import { appendRows, storedRows, verifyFile, stationFile } from '../../helpers/audit-fixtures';
import { makeTestCore, TEST_EPOCH } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

describe('AuditLog.record', () => {
  it('appends each row to the station chain: next seq, the previous hash, its own hash over its content', async () => {
    const { core, clock } = makeTestCore(temps.make());
    try {
      await appendRows(core, 3);
      clock.advance(1000);
      await writeTransaction(core.db, () =>
        core.audit.record({
          userId: 'supervisor',
          action: 'settings.update',
          entityType: 'settings',
          entityId: 'stationName',
          details: { to: 'QC-2', from: 'QC-1', nested: { b: 2, a: 1 } },
        }),
      );
      const rows = storedRows(core.db);
      expect(rows.map((r) => [r.chain, r.seq])).toEqual([1, 2, 3, 4].map((s) => [core.stationId, s]));
      expect(rows[0]?.prev_hash).toBe(AUDIT_GENESIS);
      for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
      const last = rows[3]!;
      // Canonical details: keys sorted at every depth, no whitespace.
      expect(last.details).toBe('{"from":"QC-1","nested":{"a":1,"b":2},"to":"QC-2"}');
      expect(last).toMatchObject({ at: TEST_EPOCH + 1000, station: 'QC-1', user_id: 'supervisor' });
      const encoded = JSON.stringify([
        'lastmile-audit/1',
        core.stationId,
        4,
        TEST_EPOCH + 1000,
        'supervisor',
        'QC-1',
        'settings.update',
        'settings',
        'stationName',
        last.details,
        rows[2]?.hash,
      ]);
      expect(last.hash).toBe(crypto.createHash('sha256').update(encoded, 'utf8').digest('hex'));
      expect(core.audit.head()).toEqual({ chain: core.stationId, seq: 4, hash: last.hash });
    } finally {
      await core.close();
    }
  });

  it('refuses to run outside a transaction and writes nothing', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      expect(() => core.audit.record({ userId: null, action: 'x', entityType: 'y', entityId: 'z' })).toThrow(
        /inside the transaction/,
      );
      expect(countRows(core.db, 'audit_log')).toBe(0);
    } finally {
      await core.close();
    }
  });

  it('rolls back with the act it records', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      await appendRows(core, 2);
      await expect(
        writeTransaction(core.db, () => {
          core.audit.record({ userId: null, action: 'test.doomed', entityType: 'parcel', entityId: 'P' });
          throw new Error('the act failed');
        }),
      ).rejects.toThrow('the act failed');
      await appendRows(core, 1, 'after');
      expect(storedRows(core.db).map((r) => [r.seq, r.action])).toEqual([
        [1, 'test.row'],
        [2, 'test.row'],
        [3, 'test.after'],
      ]);
      expect(verifyAuditLog(core.db).ok).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('finds the previous hash by one probe of the (chain, seq) index, not a scan', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      const plan = core.db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT seq, hash FROM audit_log WHERE chain = ? ORDER BY seq DESC LIMIT 1',
        )
        .all('x') as { detail: string }[];
      expect(plan.map((p) => p.detail)).toEqual([
        'SEARCH audit_log USING INDEX audit_by_chain_seq (chain=?)',
      ]);
    } finally {
      await core.close();
    }
  });

  it('stores text SQLite gives back unchanged (Thai, CJK, emoji, NUL; a lone surrogate made U+FFFD), and it verifies', async () => {
    const dir = temps.make();
    const { core } = makeTestCore(dir);
    try {
      await writeTransaction(core.db, () =>
        core.audit.record({
          userId: null,
          action: 'test.text',
          entityType: 'parcel',
          entityId: 'ไทย-中文-😀-\u0000-\ud800',
          details: { note: 'a\ud800b', emoji: '😀', nul: '\u0000' },
        }),
      );
      const [r] = storedRows(core.db);
      expect(r?.entity_id).toBe('ไทย-中文-😀-\u0000-\ufffd');
      expect(r?.details).toBe('{"emoji":"😀","note":"a\\ud800b","nul":"\\u0000"}');
    } finally {
      await core.close();
    }
    expect(verifyFile(stationFile(dir))).toMatchObject({ ok: true, rows: 1 });
  });

  it('keeps one chain per station id: two stations in one file (as a hub will hold them) verify apart', async () => {
    const { core, clock } = makeTestCore(temps.make());
    try {
      const other = new AuditLog(core.db, clock, { id: 'station-b', name: () => 'PACK-2' });
      for (let i = 0; i < 5; i++) {
        await writeTransaction(core.db, () => {
          core.audit.record({ userId: null, action: 'test.a', entityType: 'parcel', entityId: `A${i}` });
          other.record({ userId: null, action: 'test.b', entityType: 'parcel', entityId: `B${i}` });
          other.record({ userId: null, action: 'test.b', entityType: 'parcel', entityId: `B${i}'` });
        });
      }
      const result = verifyAuditLog(core.db);
      expect(result.ok).toBe(true);
      expect(result.chains.map((c) => [c.chain, c.rows, c.seq]).sort()).toEqual(
        [
          [core.stationId, 5, 5],
          ['station-b', 10, 10],
        ].sort(),
      );
      // A row moved from one chain to the other is an edit: the chain is part of what is hashed.
      core.db.prepare(`UPDATE audit_log SET chain = ?, seq = 99 WHERE id = 2`).run(core.stationId);
      expect(verifyAuditLog(core.db).problem).toMatchObject({ fault: 'edited', id: 2 });
    } finally {
      await core.close();
    }
  });

  it('hashes exactly what hashAuditRow defines (the format the hub will re-check)', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      await appendRows(core, 5);
      for (const r of storedRows(core.db)) {
        expect(
          hashAuditRow({
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
          }),
        ).toBe(r.hash);
      }
    } finally {
      await core.close();
    }
  });
});
