import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { auditAnchor, parseAnchor, readAuditHeads } from '../audit/audit-heads';
import type { AuditHead } from '../audit/audit-log';
import { verifyAuditLog, type AuditFault, type AuditVerification } from '../audit/audit-verify';
import { AuditLogUnusable, looksLikeSqlite, openAuditLogReadOnly } from '../audit/read-only-log';
import { systemClock, type Clock } from '../clock';
import { DATABASE_FILE } from '../core';
import { parse, UsageError } from './args';
import type { CliCommand } from './command';

/** Exit codes of `lastmile audit` (the same meanings as the other commands'). */
export const AUDIT_EXIT = { ok: 0, broken: 1, usage: 2, unusable: 4 } as const;

export interface AuditIo {
  stdout: Writable;
  stderr: Writable;
  clock: Clock;
}

const FAULT_WORDS: Record<AuditFault, string> = {
  unchained: 'row outside the chain',
  edited: 'content edited',
  deleted: 'row deleted',
  out_of_order: 'row inserted out of order',
  forked: 'chain forked',
  truncated: 'rows deleted from the end',
  rewritten: 'chain rewritten',
};

/**
 * `lastmile audit verify --data DIR [--json] [--anchor FILE]…` and `lastmile audit head --data DIR
 * [--json]`. Both read the database read-only, so they run while the station works.
 */
export async function runAudit(
  argv: string[],
  io: AuditIo = { stdout: process.stdout, stderr: process.stderr, clock: systemClock },
): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'verify':
      return verify(rest, io);
    case 'head':
      return head(rest, io);
    default:
      throw new UsageError(
        sub === undefined ? 'audit needs verify or head' : `audit: unknown subcommand "${sub}"`,
      );
  }
}

function dataFile(data: string | undefined, command: string): string {
  if (!data) throw new UsageError(`audit ${command} needs --data DIR, the folder of the station database`);
  return path.join(path.resolve(data), DATABASE_FILE);
}

async function verify(argv: string[], io: AuditIo): Promise<number> {
  const args = parse(argv, {
    data: { type: 'string' },
    json: { type: 'boolean' },
    anchor: { type: 'string', multiple: true },
  });
  const file = dataFile(args.data, 'verify');
  const anchors = (args.anchor ?? []).flatMap(readAnchor);
  return withLog(file, io, (db) => {
    const result = verifyAuditLog(db, { anchors });
    io.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${describeVerification(result)}\n`);
    return result.ok ? AUDIT_EXIT.ok : AUDIT_EXIT.broken;
  });
}

async function head(argv: string[], io: AuditIo): Promise<number> {
  const args = parse(argv, { data: { type: 'string' }, json: { type: 'boolean' } });
  const file = dataFile(args.data, 'head');
  return withLog(file, io, (db) => {
    const anchor = auditAnchor(db, io.clock.now());
    if (args.json) io.stdout.write(`${JSON.stringify(anchor, null, 2)}\n`);
    else if (anchor.heads.length === 0) io.stdout.write('the audit log is empty: no chain has started\n');
    else {
      for (const h of anchor.heads) {
        io.stdout.write(
          `${h.chain} seq ${h.seq} hash ${h.hash} (row ${h.id}, ${new Date(h.at).toISOString()})\n`,
        );
      }
    }
    return AUDIT_EXIT.ok;
  });
}

function withLog(
  file: string,
  io: AuditIo,
  use: (db: ReturnType<typeof openAuditLogReadOnly>) => number,
): number {
  let db;
  try {
    db = openAuditLogReadOnly(file);
  } catch (err) {
    if (!(err instanceof AuditLogUnusable)) throw err;
    io.stderr.write(`lastmile: ${err.message}\n`);
    return AUDIT_EXIT.unusable;
  }
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** An anchor file: the JSON `audit head --json` printed (or a manifest holding it), or a backup file. */
function readAnchor(file: string): AuditHead[] {
  if (looksLikeSqlite(file)) {
    let db;
    try {
      db = openAuditLogReadOnly(file);
    } catch (err) {
      throw new UsageError(`--anchor ${file}: ${(err as Error).message}`);
    }
    try {
      return readAuditHeads(db).map(({ chain, seq, hash }) => ({ chain, seq, hash }));
    } finally {
      db.close();
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--anchor ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return parseAnchor(text);
  } catch (err) {
    throw new UsageError(`--anchor ${file}: ${(err as Error).message}`);
  }
}

/** The one-line summary: rows, chains, each chain's last hash — or the first bad row. */
export function describeVerification(result: AuditVerification): string {
  const p = result.problem;
  if (p) {
    const where =
      p.id === null
        ? `the end of chain ${p.chain ?? '?'}`
        : `row ${p.id} (seq ${p.seq ?? '-'}, chain ${p.chain ?? '-'})`;
    return `audit log BROKEN at ${where}: ${FAULT_WORDS[p.fault]} — ${p.detail} (${result.rows} rows before it verified)`;
  }
  const chains = result.chains.length === 1 ? '1 chain' : `${result.chains.length} chains`;
  const anchors = result.anchors > 0 ? `, ${result.anchors} anchored head(s) found` : '';
  const heads = result.chains.map((c) => `${c.chain} seq ${c.seq} hash ${c.hash}`).join('; ');
  return `audit log intact: ${result.rows} rows, ${chains}${anchors}${heads ? `; last: ${heads}` : ''}`;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: `  lastmile audit verify --data DIR [--json] [--anchor FILE]…
      Check the station's hash-chained audit log, read-only (safe while the station runs).
      Exit 0 intact, 1 a row was edited, deleted or inserted out of order (the first bad row is
      named), 2 bad usage, 4 the data folder is unusable. --anchor FILE (a file from
      \`audit head --json\`, a backup manifest or a backup database) also proves that no rows were
      cut from the end and the chain was not rewritten since that head was taken.
  lastmile audit head --data DIR [--json]
      Print each chain's head (last seq and hash) to keep somewhere the station cannot change.
`,
  run: (argv) => runAudit(argv),
};
