import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CertificateVerification } from '../../shared/returns/supervision-views';
import { DATABASE_FILE } from '../core';
import { CertificateVerifier } from '../returns/certificate-verifier';
import { UsageError } from './args';
import type { CliCommand, CliContext } from './command';
import { EXIT } from './exit-codes';
import { processIo } from './io';

const WHY: Record<CertificateVerification['outcome'], string> = {
  valid: 'valid',
  not_pdf: 'NOT valid: the file is not a PDF',
  unknown: 'NOT valid: no destruction certificate of this station has these bytes',
  file_altered: 'NOT valid: the file was altered after it was issued',
  record_altered: "NOT valid: the station's record of this certificate no longer matches its hash",
  batch_changed: 'NOT valid: the certified batch was changed in the database',
};

/**
 * `lastmile certificate verify FILE --data DIR [--json]`: checks a destruction certificate PDF
 * against the station database that issued it (read-only; safe while the station runs). Exit 0
 * valid, 1 not valid (the reason on stdout), 2 bad usage or FILE unreadable, 4 no usable database.
 */
export async function runCertificate(argv: string[], ctx: CliContext): Promise<number> {
  const io = ctx.io ?? processIo;
  const [sub, ...rest] = argv;
  if (sub !== 'verify')
    throw new UsageError('certificate needs a subcommand: certificate verify FILE --data DIR');
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { data: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('certificate verify takes one FILE');
  if (!parsed.values.data)
    throw new UsageError('certificate verify needs --data DIR, the station that issued it');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    io.err(`lastmile: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return EXIT.usage;
  }
  const dbFile = path.join(path.resolve(parsed.values.data), DATABASE_FILE);
  if (!fs.existsSync(dbFile)) {
    io.err(
      `lastmile: no station database in ${parsed.values.data} (expected ${DATABASE_FILE}); check --data\n`,
    );
    return EXIT.unusable;
  }
  let db: Database.Database;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    io.err(`lastmile: cannot open ${dbFile}: ${(err as Error).message}\n`);
    return EXIT.unusable;
  }
  try {
    let verifier: CertificateVerifier;
    try {
      // The station's units are named by plates carrying its code, derived from its id.
      const stationId = db
        .prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'station.id'")
        .get()?.value;
      verifier = new CertificateVerifier(
        db,
        stationId === undefined ? '' : (JSON.parse(stationId) as string),
      );
    } catch {
      io.err(
        `lastmile: ${dbFile} has no destruction certificates (written by an older app, or not a station)\n`,
      );
      return EXIT.unusable;
    }
    const result = verifier.verify(bytes);
    if (parsed.values.json) io.out(`${JSON.stringify(result)}\n`);
    else io.out(describe(result));
    return result.valid ? EXIT.ok : EXIT.attention;
  } finally {
    db.close();
  }
}

function describe(r: CertificateVerification): string {
  const lines = [WHY[r.outcome]];
  if (r.certificateId) lines.push(`  certificate ${r.certificateId} of batch ${r.batchId ?? '?'}`);
  if (r.sha256)
    lines.push(
      `  certificate SHA-256 ${r.sha256}${r.recomputedSha256 === r.sha256 ? ' (recomputed: same)' : ` (recomputed: ${r.recomputedSha256 ?? '?'})`}`,
    );
  lines.push(`  this file's SHA-256 ${r.fileSha256}`);
  if (r.issuedPdfSha256 && r.issuedPdfSha256 !== r.fileSha256)
    lines.push(`  issued file's SHA-256 ${r.issuedPdfSha256}`);
  if (r.issuedAt !== null)
    lines.push(`  issued ${new Date(r.issuedAt).toISOString()} at station ${r.stationId ?? '?'}`);
  for (const d of r.differences) lines.push(`  ${d}`);
  return `${lines.join('\n')}\n`;
}

export const certificateCommand: CliCommand = {
  name: 'certificate',
  usage: `  lastmile certificate verify FILE --data DIR [--json]
      Check a destruction certificate PDF against the station that issued it: the file is the one
      issued, its record still hashes to the SHA-256 printed on it, the batch is unchanged. Exit 0
      valid, 1 not valid (why on stdout), 2 bad usage or FILE unreadable, 4 no usable database.
`,
  run: runCertificate,
};
