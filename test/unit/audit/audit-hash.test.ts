import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS,
  encodeAuditRow,
  hashAuditRow,
  storableText,
  type AuditRowContent,
} from '../../../src/main/audit/audit-hash';

const row: AuditRowContent = {
  chain: '0f5c2f7e-3b1a-4c8d-9e2f-1a2b3c4d5e6f',
  seq: 1,
  at: 1768464000000,
  userId: null,
  station: 'QC-1 ท่าเรือ',
  action: 'session.sign_in',
  entityType: 'user',
  entityId: 'supervisor',
  details: '{"pin":"wrong","tries":3}',
  prevHash: AUDIT_GENESIS,
};

describe('the audit row encoding', () => {
  it('is this exact JSON array, and the hash is SHA-256 of its UTF-8 bytes in lower-case hex', () => {
    const expected =
      '["lastmile-audit/1","0f5c2f7e-3b1a-4c8d-9e2f-1a2b3c4d5e6f",1,1768464000000,null,"QC-1 ท่าเรือ",' +
      '"session.sign_in","user","supervisor","{\\"pin\\":\\"wrong\\",\\"tries\\":3}",' +
      '"0000000000000000000000000000000000000000000000000000000000000000"]';
    expect(encodeAuditRow(row)).toBe(expected);
    const sha = crypto.createHash('sha256').update(Buffer.from(expected, 'utf8')).digest('hex');
    expect(hashAuditRow(row)).toBe(sha);
    expect(hashAuditRow(row)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every field, and no two fields can trade text', () => {
    const base = hashAuditRow(row);
    const variants: Partial<AuditRowContent>[] = [
      { chain: 'other' },
      { seq: 2 },
      { at: row.at + 1 },
      { userId: 'supervisor' },
      { station: 'QC-2' },
      { action: 'session.sign_out' },
      { entityType: 'users' },
      { entityId: 'supervisor2' },
      { details: '{"pin":"wrong","tries":4}' },
      { prevHash: 'f'.repeat(64) },
      // Moving text from one field into the next is a different row too.
      { entityType: 'user","supervisor', entityId: '' },
    ];
    const hashes = variants.map((v) => hashAuditRow({ ...row, ...v }));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });
});

describe('storableText', () => {
  it('replaces a lone surrogate (which SQLite would not give back) and keeps everything else', () => {
    expect(storableText('ok ไทย 中文 😀 \u0000')).toBe('ok ไทย 中文 😀 \u0000');
    expect(storableText('a\ud800b\udfffc')).toBe('a\ufffdb\ufffdc');
  });
});
