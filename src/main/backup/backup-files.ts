import fs from 'node:fs';
import path from 'node:path';

/** Where a station's backups go: a folder inside its data folder (the supervisor copies it off-site). */
export const BACKUP_DIR = 'backups';

export type BackupKind = 'daily' | 'pre-migration' | 'manual';

export interface BackupFile {
  file: string;
  name: string;
  kind: BackupKind;
  /** When it was taken (ms since the epoch, from the name). */
  takenAt: number;
  /** For pre-migration backups: the schema version the file had before the migration. */
  schemaVersion: number | null;
}

/** lastmile-20261201-030000.daily.sqlite, lastmile-20261201-030000.pre-migration-v2.sqlite */
const NAME = /^lastmile-(\d{8})-(\d{6})(?:-(\d{3}))?\.(daily|manual|pre-migration-v(\d+))\.sqlite$/;

export function backupFileName(kind: BackupKind, takenAt: number, schemaVersion?: number): string {
  const iso = new Date(takenAt).toISOString(); // 2026-12-01T03:00:00.000Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
  const label = kind === 'pre-migration' ? `pre-migration-v${schemaVersion ?? 0}` : kind;
  return `lastmile-${stamp}.${label}.sqlite`;
}

export function parseBackupFileName(name: string): Omit<BackupFile, 'file'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, day, time, ms, label, version] = m;
  const takenAt = Date.UTC(
    Number(day!.slice(0, 4)),
    Number(day!.slice(4, 6)) - 1,
    Number(day!.slice(6, 8)),
    Number(time!.slice(0, 2)),
    Number(time!.slice(2, 4)),
    Number(time!.slice(4, 6)),
    Number(ms ?? 0),
  );
  const kind: BackupKind = label!.startsWith('pre-migration') ? 'pre-migration' : (label as BackupKind);
  return { name, kind, takenAt, schemaVersion: version === undefined ? null : Number(version) };
}

/** The finished backups in a folder, newest first; temporary and foreign files are ignored. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (parsed) out.push({ ...parsed, file: path.join(dir, name) });
  }
  return out.sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
}

export interface RetentionPolicy {
  daily: number;
  preMigration: number;
  manual: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, preMigration: 3, manual: 5 };

/** Which backups rotation removes: all but the newest N of each kind. */
export function backupsToPrune(backups: readonly BackupFile[], keep: RetentionPolicy): BackupFile[] {
  const limit: Record<BackupKind, number> = {
    daily: keep.daily,
    'pre-migration': keep.preMigration,
    manual: keep.manual,
  };
  const seen: Record<BackupKind, number> = { daily: 0, 'pre-migration': 0, manual: 0 };
  const prune: BackupFile[] = [];
  for (const b of [...backups].sort((x, y) => y.takenAt - x.takenAt)) {
    seen[b.kind] += 1;
    if (seen[b.kind] > Math.max(1, limit[b.kind])) prune.push(b);
  }
  return prune;
}
