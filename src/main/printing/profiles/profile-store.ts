import { AppError } from '../../../shared/errors';
import { printerProfileSchema, type PrinterProfile } from '../../../shared/printing';
import type { Clock } from '../../clock';
import type { Db } from '../../db/open';

/** Parses a profile from the outside (settings screen, CLI, import), with one coded error. */
export function parseProfile(input: unknown): PrinterProfile {
  const parsed = printerProfileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('PRINTER_PROFILE_INVALID', {
      field: issue?.path.join('.') || '(root)',
      issue: issue?.message ?? 'invalid',
    });
  }
  return parsed.data;
}

/** The station's printers. Stored as the validated JSON of the shared schema, one row each. */
export class PrinterProfiles {
  private readonly selectOne;
  private readonly selectAll;
  private readonly upsertRow;
  private readonly deleteRow;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.selectOne = db.prepare<[string], { profile: string }>(
      'SELECT profile FROM printer_profiles WHERE id = ?',
    );
    this.selectAll = db.prepare<[], { profile: string }>('SELECT profile FROM printer_profiles ORDER BY id');
    this.upsertRow = db.prepare<[string, string, number]>(
      `INSERT INTO printer_profiles (id, profile, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM printer_profiles WHERE id = ?');
  }

  list(): PrinterProfile[] {
    return this.selectAll.all().map((r) => printerProfileSchema.parse(JSON.parse(r.profile)));
  }

  find(id: string): PrinterProfile | null {
    const row = this.selectOne.get(id);
    return row ? printerProfileSchema.parse(JSON.parse(row.profile)) : null;
  }

  get(id: string): PrinterProfile {
    const profile = this.find(id);
    if (!profile) throw new AppError('PRINTER_UNKNOWN', { printerId: id });
    return profile;
  }

  /** In the caller's write transaction. Returns the profile as stored and the one it replaced. */
  upsert(input: unknown): { profile: PrinterProfile; before: PrinterProfile | null } {
    const profile = parseProfile(input);
    const before = this.find(profile.id);
    this.upsertRow.run(profile.id, JSON.stringify(profile), this.clock.now());
    return { profile, before };
  }

  /**
   * In the caller's write transaction: removes a printer, and cancels its waiting jobs in the same
   * transaction, so none is left stranded behind a printer that no longer exists.
   */
  delete(id: string): { profile: PrinterProfile; cancelledJobs: number } {
    const profile = this.get(id);
    const now = this.clock.now();
    const cancelled = this.db
      .prepare(
        `UPDATE print_jobs SET status = 'cancelled', reason = coalesce(reason, 'printer removed'), updated_at = ?
         WHERE printer_id = ? AND status IN ('queued', 'sending')`,
      )
      .run(now, id).changes;
    this.deleteRow.run(id);
    this.db.prepare('DELETE FROM printer_states WHERE printer_id = ?').run(id);
    return { profile, cancelledJobs: cancelled };
  }
}
