import type { UserView } from '../../shared/domain';
import { parseItemClassList, type ItemClass } from '../../shared/packing/item-classes';
import { parseSkuClassCsv, type SkuClassError } from '../../shared/packing/sku-class-csv';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

export interface SkuClassImportReport {
  committed: boolean;
  skus: number;
  errors: SkuClassError[];
}

/**
 * The station's SKU → item classes list (pack_sku_item_classes), imported by a supervisor from a
 * CSV: all or nothing, one transaction with its audit row; a SKU imported again takes the new
 * classes (an empty cell: none). Routing reads it for lines whose source names no class.
 */
export class SkuItemClasses {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async importCsv(bytes: Uint8Array, user: UserView): Promise<SkuClassImportReport> {
    const { rows, errors } = parseSkuClassCsv(bytes);
    if (errors.length > 0) return { committed: false, skus: rows.length, errors };
    const now = this.clock.now();
    await writeTransaction(this.db, () => {
      const upsert = this.db.prepare<[string, string, number, string, number]>(
        `INSERT INTO pack_sku_item_classes (sku, item_classes, serial_required, imported_by, imported_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sku) DO UPDATE SET item_classes = excluded.item_classes,
           serial_required = excluded.serial_required,
           imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
      );
      for (const r of rows)
        upsert.run(r.sku, JSON.stringify(r.itemClasses), r.serialRequired ? 1 : 0, user.id, now);
      this.audit.record({
        userId: user.id,
        action: 'pack.sku_classes_import',
        entityType: 'pack_sku_item_classes',
        entityId: 'station',
        details: {
          skus: rows.length,
          withClasses: rows.filter((r) => r.itemClasses.length > 0).length,
          withSerials: rows.filter((r) => r.serialRequired).length,
        },
      });
    });
    return { committed: true, skus: rows.length, errors: [] };
  }

  /** Which of these SKUs the list says need a serial number per unit. */
  serialRequiredOf(skus: readonly string[]): Set<string> {
    const found = this.db
      .prepare<[string], { sku: string }>(
        'SELECT sku FROM pack_sku_item_classes WHERE serial_required = 1 AND sku IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify([...new Set(skus)]));
    return new Set(found.map((f) => f.sku));
  }

  /** The listed classes of these SKUs (SKUs not on the list are absent). */
  classesOf(skus: readonly string[]): Map<string, ItemClass[]> {
    const found = this.db
      .prepare<[string], { sku: string; item_classes: string }>(
        'SELECT sku, item_classes FROM pack_sku_item_classes WHERE sku IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify([...new Set(skus)]));
    const out = new Map<string, ItemClass[]>();
    for (const f of found) {
      const parsed = parseItemClassList((JSON.parse(f.item_classes) as string[]).join('|'));
      if (parsed.ok) out.set(f.sku, parsed.classes);
    }
    return out;
  }
}
