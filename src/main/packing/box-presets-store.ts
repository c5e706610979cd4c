import { AppError } from '../../shared/errors';
import { boxPresetSchema, parseBoxBarcode, type BoxPreset } from '../../shared/packing/box-presets';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

/**
 * The station's box presets. A scan of the preset sheet resolves to a preset or to a clear
 * refusal: a worn barcode (`BOX_CODE_INVALID`, check character wrong) or a box that is not (or no
 * longer) on this station (`BOX_PRESET_UNKNOWN`).
 */
export class BoxPresetStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async save(input: unknown): Promise<BoxPreset> {
    const parsed = boxPresetSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('VALIDATION_FAILED', {
        field: issue ? issue.path.map(String).join('.') : '',
        issue: issue?.message ?? 'invalid box preset',
      });
    }
    const preset = parsed.data;
    await writeTransaction(this.db, () =>
      this.db
        .prepare(
          `INSERT INTO box_presets (code, preset, active, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET preset = excluded.preset, active = excluded.active, updated_at = excluded.updated_at`,
        )
        .run(preset.code, JSON.stringify(preset), preset.active ? 1 : 0, this.clock.now()),
    );
    return preset;
  }

  list(options: { includeInactive?: boolean } = {}): BoxPreset[] {
    const rows = this.db
      .prepare<[], { preset: string }>(
        `SELECT preset FROM box_presets ${options.includeInactive ? '' : 'WHERE active = 1'} ORDER BY code`,
      )
      .all();
    return rows.map((r) => JSON.parse(r.preset) as BoxPreset);
  }

  /** An active preset by code; BOX_PRESET_UNKNOWN otherwise. */
  get(code: string): BoxPreset {
    const row = this.db
      .prepare<[string], { preset: string; active: number }>(
        'SELECT preset, active FROM box_presets WHERE code = ?',
      )
      .get(code.toUpperCase());
    if (!row || row.active !== 1) throw new AppError('BOX_PRESET_UNKNOWN', { code: code.toUpperCase() });
    return JSON.parse(row.preset) as BoxPreset;
  }

  /** The preset a scanned sheet barcode (`BOX-S2-7`) or a typed code (`S2`) names. */
  fromScan(scanned: string): BoxPreset {
    const text = scanned.trim().toUpperCase();
    if (text.startsWith('BOX-')) {
      const parsed = parseBoxBarcode(text);
      if (!parsed.ok) throw new AppError('BOX_CODE_INVALID', { scanned: text.slice(0, 40) });
      return this.get(parsed.code);
    }
    return this.get(text);
  }
}
