import type { Db } from '../db/open';
import { AUDIT_GENESIS, hashAuditRow } from './audit-hash';
import type { AuditHead } from './audit-log';

/** What is wrong with the first row that does not fit. */
export type AuditFault =
  /** a row without a place in any chain (written around AuditLog) */
  | 'unchained'
  /** the row's content no longer matches its own hash */
  | 'edited'
  /** a gap in seq, or a row that does not link to the one before it */
  | 'deleted'
  /** a row stored before rows it claims to follow, or after its place */
  | 'out_of_order'
  /** two rows claim the same predecessor */
  | 'forked'
  /** the chain ends before the seq an anchor recorded */
  | 'truncated'
  /** the row at an anchored seq has another hash than the anchor: the chain up to it was rewritten */
  | 'rewritten';

export interface AuditProblem {
  fault: AuditFault;
  /** The first row that does not fit (null when rows are missing from the end). */
  id: number | null;
  chain: string | null;
  seq: number | null;
  /** One sentence naming the rows involved. */
  detail: string;
}

export interface ChainSummary {
  chain: string;
  rows: number;
  /** The last row verified: its seq, hash and id. */
  seq: number;
  hash: string;
  lastId: number;
}

export interface AuditVerification {
  ok: boolean;
  /** Rows verified (up to the first problem). */
  rows: number;
  chains: ChainSummary[];
  anchors: number;
  problem: AuditProblem | null;
}

export interface VerifyOptions {
  /** Heads recorded elsewhere (a backup, a supervisor's file, the hub): each must still be in the log. */
  anchors?: readonly AuditHead[];
  /** Rows read per query; memory stays bounded by this, whatever the size of the log. */
  batchSize?: number;
  /** Called after each batch with the rows verified so far (progress, memory sampling). */
  onBatch?: (rows: number) => void;
}

type Raw = [
  id: number,
  chain: string | null,
  seq: number | null,
  at: number,
  userId: string | null,
  station: string,
  action: string,
  entityType: string,
  entityId: string,
  details: string,
  prevHash: string | null,
  hash: string | null,
];

interface ChainState extends ChainSummary {
  /** The previous hash of the last row: a row sharing it with that row forked off the chain. */
  lastPrev: string;
}

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/**
 * Checks every chain in the file, reading rows in id (= commit) order in batches inside one read
 * transaction, so it sees one consistent snapshot while the station goes on appending, and holds
 * only one batch and one state per chain in memory. Stops at the first row that does not fit.
 *
 * Per row, in this order: it is chained at all; its hash matches its content; its seq is the next
 * of its chain and its prev_hash that chain's last hash; its hash matches an anchor at its seq.
 * Finally every anchored seq must have been reached.
 */
export function verifyAuditLog(db: Db, options: VerifyOptions = {}): AuditVerification {
  const batchSize = options.batchSize ?? 5000;
  const anchors = new Map<string, Map<number, string>>();
  for (const a of options.anchors ?? []) {
    const byChain = anchors.get(a.chain) ?? new Map<number, string>();
    byChain.set(a.seq, a.hash);
    anchors.set(a.chain, byChain);
  }
  const batch = db
    .prepare<[number, number]>(
      `SELECT id, chain, seq, at, user_id, station, action, entity_type, entity_id, details, prev_hash, hash
       FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .raw(true);
  const rowAt = db.prepare<[string, number], { id: number; hash: string }>(
    'SELECT id, hash FROM audit_log WHERE chain = ? AND seq = ? ORDER BY id',
  );

  const states = new Map<string, ChainState>();
  let rows = 0;
  let problem: AuditProblem | null = null;
  const check = (r: Raw): AuditProblem | null => {
    const [id, chain, seq, at, userId, station, action, entityType, entityId, details, prevHash, hash] = r;
    if (chain === null || seq === null || prevHash === null || hash === null) {
      return {
        fault: 'unchained',
        id,
        chain,
        seq,
        detail: `row ${id} has no place in a chain: it was inserted around the audit log, not through it`,
      };
    }
    const actual = hashAuditRow({
      chain,
      seq,
      at,
      userId,
      station,
      action,
      entityType,
      entityId,
      details,
      prevHash,
    });
    if (actual !== hash) {
      return {
        fault: 'edited',
        id,
        chain,
        seq,
        detail: `row ${id} (seq ${seq}) was changed after it was written: its content no longer matches its hash`,
      };
    }
    const state = states.get(chain);
    const lastSeq = state?.seq ?? 0;
    const expected = lastSeq + 1;
    if (seq > expected) {
      const later = rowAt.get(chain, expected);
      if (later && later.id > id) {
        return {
          fault: 'out_of_order',
          id,
          chain,
          seq,
          detail: `row ${id} (seq ${seq}) is stored before seq ${expected} (row ${later.id}): a row was inserted or moved out of order`,
        };
      }
      const missing = seq - 1 > expected ? `seq ${expected}–${seq - 1} are` : `seq ${expected} is`;
      return {
        fault: 'deleted',
        id,
        chain,
        seq,
        detail: `${missing} missing before row ${id} (seq ${seq}): deleted`,
      };
    }
    if (seq < expected) {
      // Every seq up to lastSeq was seen once already: this row claims a place that is taken.
      const first = rowAt.get(chain, seq);
      const predecessor = seq === 1 ? { hash: AUDIT_GENESIS } : rowAt.get(chain, seq - 1);
      if (predecessor && predecessor.hash === prevHash) {
        return {
          fault: 'forked',
          id,
          chain,
          seq,
          detail: `row ${id} is a second seq ${seq} after seq ${seq - 1} (the first is row ${first?.id ?? '?'}): the chain forked`,
        };
      }
      return {
        fault: 'out_of_order',
        id,
        chain,
        seq,
        detail: `row ${id} (seq ${seq}) is stored after seq ${lastSeq} (row ${state?.lastId ?? '?'}): a row was inserted out of order`,
      };
    }
    const wantPrev = state?.hash ?? AUDIT_GENESIS;
    if (prevHash !== wantPrev) {
      if (state && prevHash === state.lastPrev) {
        return {
          fault: 'forked',
          id,
          chain,
          seq,
          detail: `row ${id} (seq ${seq}) follows seq ${seq - 2}, as seq ${seq - 1} (row ${state.lastId}) does: the chain forked`,
        };
      }
      return {
        fault: 'deleted',
        id,
        chain,
        seq,
        detail:
          seq === 1
            ? `row ${id} is seq 1 but does not start from the genesis value: the rows before it were deleted`
            : `row ${id} (seq ${seq}) does not link to seq ${seq - 1} (row ${state?.lastId ?? '?'}): the row it followed was deleted or replaced`,
      };
    }
    const anchored = anchors.get(chain)?.get(seq);
    if (anchored !== undefined && anchored !== hash) {
      return {
        fault: 'rewritten',
        id,
        chain,
        seq,
        detail: `row ${id} (seq ${seq}) has hash ${short(hash)} but the anchor recorded ${short(anchored)}: the chain up to seq ${seq} was rewritten`,
      };
    }
    if (state) {
      state.rows += 1;
      state.lastPrev = prevHash;
      state.seq = seq;
      state.hash = hash;
      state.lastId = id;
    } else {
      states.set(chain, { chain, rows: 1, seq, hash, lastId: id, lastPrev: prevHash });
    }
    return null;
  };

  // One snapshot for the whole walk: rows committed meanwhile are for the next run.
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    let lastId = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const page = batch.all(lastId, batchSize) as Raw[];
      for (const r of page) {
        problem = check(r);
        if (problem) break;
        rows += 1;
        lastId = r[0];
      }
      options.onBatch?.(rows);
      if (problem || page.length < batchSize) break;
    }
    if (!problem) problem = checkAnchorsReached(anchors, states);
  } finally {
    if (own) db.exec('COMMIT');
  }
  return {
    ok: problem === null,
    rows,
    chains: [...states.values()].map(({ chain, rows: n, seq, hash, lastId }) => ({
      chain,
      rows: n,
      seq,
      hash,
      lastId,
    })),
    anchors: options.anchors?.length ?? 0,
    problem,
  };
}

function checkAnchorsReached(
  anchors: Map<string, Map<number, string>>,
  states: Map<string, ChainState>,
): AuditProblem | null {
  for (const [chain, bySeq] of anchors) {
    const last = states.get(chain)?.seq ?? 0;
    const highest = Math.max(...bySeq.keys());
    if (highest > last) {
      return {
        fault: 'truncated',
        id: null,
        chain,
        seq: last + 1,
        detail:
          last === 0
            ? `chain ${chain} is gone but the anchor recorded it up to seq ${highest}: deleted`
            : `chain ${chain} ends at seq ${last} (row ${states.get(chain)?.lastId ?? '?'}) but the anchor recorded seq ${highest}: seq ${last + 1}${highest > last + 1 ? `–${highest}` : ''} deleted from the end`,
      };
    }
  }
  return null;
}
