import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, type Core } from '../../../src/main/core';
import { makeTestCore } from '../../helpers/core-factory';

/** A real station database with `scans` scans recorded through the core, like a day at a QC desk. */
export function stationWithScans(
  dataDir: string,
  scans: number,
  prefix = 'TH',
): ReturnType<typeof makeTestCore> {
  const station = makeTestCore(dataDir);
  recordScans(station.core, scans, prefix);
  return station;
}

export function recordScans(core: Core, n: number, prefix = 'TH'): void {
  for (let i = 0; i < n; i++) {
    core.scans.record(
      { code: `${prefix}${String(1_000_000_000 + i)}`, source: 'scanner' },
      core.session.user(),
    );
  }
}

/** The scan codes in a database file, read on their own connection. */
export function scanCodes(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { code: string }>('SELECT code FROM scans ORDER BY code')
      .all()
      .map((r) => r.code);
  } finally {
    db.close();
  }
}

export function liveFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** Overwrites the middle of the file's b-tree pages (keeps the header), as a failing disk would. */
export function corruptPages(file: string): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  for (let page = 1; page * pageSize < bytes.length; page += 2) {
    bytes.fill(0xa5, page * pageSize + 8, page * pageSize + 100);
  }
  fs.writeFileSync(file, bytes);
}
