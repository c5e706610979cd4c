import { settingsSchema, type Settings } from '../../shared/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

export const DEFAULT_SETTINGS: Settings = {
  stationName: 'QC-1',
  language: 'en',
  sound: true,
  staleTrackingHours: 48,
  supervisorIdleMinutes: 5,
  qcUndoMinutes: 10,
  scaleKind: 'none',
  scaleAddress: '',
  packPhotoRequired: 'none',
};

/** Station settings, one JSON value per key; unknown or broken values fall back to defaults. */
export class SettingsStore {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    // Read on every scan (the station name), so prepared once; still read each time, because the
    // CLI in another process may have changed a value.
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.selectOne = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare<[string, string, number]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of this.selectAll.all()) stored[row.key] = row.value;
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const value = readSetting(key, stored[key] as string | undefined);
      if (value !== undefined) merged[key] = value;
    }
    return settingsSchema.parse(merged);
  }

  /** One setting, without reading the others (the scan path needs only the station name). */
  value<K extends keyof Settings>(key: K): Settings[K] {
    const value = readSetting(key, this.selectOne.get(key)?.value);
    return value === undefined ? DEFAULT_SETTINGS[key] : value;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    await writeTransaction(this.db, () => this.write(patch));
    return this.get();
  }

  /** Writes the values inside the caller's transaction (with the audit row of the change). */
  write(patch: Partial<Settings>): void {
    const now = this.clock.now();
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) this.upsert.run(key, JSON.stringify(value), now);
    }
  }

  /** Raw access for values that are not user settings (e.g. the sync configuration). */
  getRaw(key: string): unknown {
    const row = this.selectOne.get(key);
    return row ? JSON.parse(row.value) : undefined;
  }

  /** Writes a raw value inside the caller's transaction (with the audit row of the change). */
  writeRaw(key: string, value: unknown): void {
    this.upsert.run(key, JSON.stringify(value), this.clock.now());
  }

  async setRaw(key: string, value: unknown): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, () => this.upsert.run(key, JSON.stringify(value), now));
  }
}

/** A stored value that no longer fits its schema (an older version wrote it) falls back to the default. */
function readSetting<K extends keyof Settings>(key: K, json: string | undefined): Settings[K] | undefined {
  if (json === undefined) return undefined;
  const candidate = settingsSchema.shape[key].safeParse(JSON.parse(json));
  return candidate.success ? (candidate.data as Settings[K]) : undefined;
}
