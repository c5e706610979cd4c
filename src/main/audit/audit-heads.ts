import { z } from 'zod';
import type { Db } from '../db/open';
import type { AuditHead } from './audit-log';

/** A chain's head with what a person reading it wants besides: which row, and when it was written. */
export interface AuditHeadView extends AuditHead {
  id: number;
  at: number;
}

/**
 * The head of every chain in the file, each found by one probe of the (chain, seq) index (the
 * next chain name, then that chain's last seq), so it costs the same for ten rows or ten million.
 */
export function readAuditHeads(db: Db): AuditHeadView[] {
  const nextChain = db.prepare<[string], { chain: string }>(
    'SELECT chain FROM audit_log WHERE chain > ? ORDER BY chain LIMIT 1',
  );
  const lastOf = db.prepare<[string], { id: number; seq: number; hash: string; at: number }>(
    'SELECT id, seq, hash, at FROM audit_log WHERE chain = ? ORDER BY seq DESC LIMIT 1',
  );
  const heads: AuditHeadView[] = [];
  let after = '';
  for (;;) {
    const next = nextChain.get(after);
    if (!next) return heads;
    const last = lastOf.get(next.chain);
    if (last) heads.push({ chain: next.chain, ...last });
    after = next.chain;
  }
}

/**
 * What `lastmile audit head --json` prints and what a backup manifest embeds under `audit`:
 * the heads an anchor keeps, so a later `lastmile audit verify --anchor` can tell a log that was
 * cut short or rewritten from the one that existed then.
 */
export interface AuditAnchor {
  format: typeof ANCHOR_FORMAT;
  takenAt: number;
  heads: AuditHeadView[];
}

export const ANCHOR_FORMAT = 'lastmile-audit-anchor/1';

export function auditAnchor(db: Db, takenAt: number): AuditAnchor {
  return { format: ANCHOR_FORMAT, takenAt, heads: readAuditHeads(db) };
}

const headSchema = z.object({
  chain: z.string().min(1).max(128),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** An anchor as stored (anything else in it, such as ids and times, is kept out of the check). */
export const anchorSchema = z.object({
  format: z.literal(ANCHOR_FORMAT),
  takenAt: z.number().int().optional(),
  heads: z.array(headSchema),
});

/**
 * The heads in an anchor document: `lastmile audit head --json` output itself, or any JSON (a
 * backup manifest) holding one under `audit`. Throws a readable Error on anything else.
 */
export function parseAnchor(text: string): AuditHead[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('is not JSON');
  }
  const candidate =
    json !== null && typeof json === 'object' && 'audit' in json ? (json as { audit: unknown }).audit : json;
  const parsed = anchorSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new Error(
      `is not an audit anchor (${ANCHOR_FORMAT}): ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
    );
  }
  return parsed.data.heads.map(({ chain, seq, hash }) => ({ chain, seq, hash }));
}
