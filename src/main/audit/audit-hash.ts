import crypto from 'node:crypto';

/** The previous hash of every chain's first row. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** Names the encoding below; a different encoding would be a different tag, never a silent change. */
export const AUDIT_HASH_FORMAT = 'lastmile-audit/1';

/** What a row's hash covers: every column but `id` (a storage detail a hub does not keep). */
export interface AuditRowContent {
  /** The station id whose chain the row belongs to. */
  chain: string;
  seq: number;
  at: number;
  userId: string | null;
  /** The station's display name when the row was written (rows from before the chain hold it too). */
  station: string;
  action: string;
  entityType: string;
  entityId: string;
  /** The stored details text, byte for byte (canonical JSON for every row AuditLog writes). */
  details: string;
  prevHash: string;
}

/**
 * The bytes a row's hash is taken over: the UTF-8 encoding of the JSON array
 * `["lastmile-audit/1", chain, seq, at, userId, station, action, entityType, entityId, details,
 * prevHash]` as JSON.stringify writes it — no whitespace, integers in decimal, null for no user,
 * the details text as one JSON string. Every field has its own slot, so no two different rows
 * encode alike.
 */
export function encodeAuditRow(row: AuditRowContent): string {
  return JSON.stringify([
    AUDIT_HASH_FORMAT,
    row.chain,
    row.seq,
    row.at,
    row.userId,
    row.station,
    row.action,
    row.entityType,
    row.entityId,
    row.details,
    row.prevHash,
  ]);
}

/** SHA-256 of the encoding, lower-case hex. */
export function hashAuditRow(row: AuditRowContent): string {
  return sha256Hex(encodeAuditRow(row));
}

// crypto.hash (Node ≥ 20.12) hashes a short string in one call, a third faster than a Hash object
// per row — what verifying a million rows mostly costs. Same digest either way.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A string SQLite stores and gives back unchanged: a lone surrogate would be written as bytes
 * that read back as three U+FFFD, and the row would no longer match the hash taken before.
 */
export function storableText(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}

const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;
