import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  backupsToPrune,
  parseBackupFileName,
  type BackupFile,
} from '../../../src/main/backup/backup-files';

describe('backup file names and rotation', () => {
  it('name backups by kind and UTC time, and read the names back', () => {
    const t = Date.UTC(2026, 11, 1, 3, 4, 5, 678);
    expect(backupFileName('daily', t)).toBe('lastmile-20261201-030405-678.daily.sqlite');
    expect(backupFileName('pre-migration', t, 3)).toBe(
      'lastmile-20261201-030405-678.pre-migration-v3.sqlite',
    );
    expect(parseBackupFileName('lastmile-20261201-030405-678.pre-migration-v3.sqlite')).toEqual({
      name: 'lastmile-20261201-030405-678.pre-migration-v3.sqlite',
      kind: 'pre-migration',
      takenAt: t,
      schemaVersion: 3,
    });
    for (const other of [
      '.lastmile-20261201-030405-678.daily.sqlite.partial-12',
      'lastmile.sqlite',
      'notes.txt',
      'lastmile-2026-daily.sqlite',
    ]) {
      expect(parseBackupFileName(other), other).toBeNull();
    }
  });

  it('prune all but the newest N of each kind, and always keep at least one', () => {
    const b = (kind: BackupFile['kind'], day: number): BackupFile => ({
      file: `/b/${kind}-${day}`,
      name: `${kind}-${day}`,
      kind,
      takenAt: day * 86_400_000,
      schemaVersion: null,
    });
    const all = [
      b('daily', 1),
      b('daily', 3),
      b('daily', 2),
      b('pre-migration', 1),
      b('pre-migration', 2),
      b('manual', 1),
    ];
    expect(
      backupsToPrune(all, { daily: 2, preMigration: 1, manual: 5 })
        .map((x) => x.name)
        .sort(),
    ).toEqual(['daily-1', 'pre-migration-1']);
    expect(
      backupsToPrune(all, { daily: 0, preMigration: 0, manual: 0 })
        .map((x) => x.name)
        .sort(),
    ).toEqual(['daily-1', 'daily-2', 'pre-migration-1']);
  });
});
