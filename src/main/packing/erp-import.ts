import { parseErpCsv, type ErpImportError, type ErpParseOptions } from '../../shared/packing/erp-csv';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { OutboundOrderStore, UpsertResult } from './outbound-orders';

/**
 * Imports a seller's ERP CSV into the pack queue. By default all or nothing: one bad row and
 * nothing is written, and the report lists every problem with its line, so the seller fixes the
 * file and imports it again. With `partial`, the orders without a problem are written and the
 * others reported. Re-importing the same file changes nothing (orders are keyed by seller and
 * order_ref; unchanged content is not rewritten).
 */
export interface ErpImportReport {
  committed: boolean;
  orders: number;
  results: Record<UpsertResult, number>;
  errors: ErpImportError[];
  rejectedOrders: string[];
}

export async function importErpCsv(
  db: Db,
  store: OutboundOrderStore,
  bytes: Uint8Array,
  options: ErpParseOptions & { partial?: boolean },
): Promise<ErpImportReport> {
  const parsed = parseErpCsv(bytes, options);
  const results: Record<UpsertResult, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    conflict: 0,
    older: 0,
  };
  const report = {
    orders: parsed.orders.length,
    results,
    errors: parsed.errors,
    rejectedOrders: parsed.rejectedOrders,
  };
  if (parsed.errors.length > 0 && !options.partial) return { committed: false, ...report };
  if (parsed.orders.length > 0) {
    const outcomes = await writeTransaction(db, () =>
      parsed.orders.map(({ order }) => store.upsertIn(db, order)),
    );
    for (const o of outcomes) results[o.result] += 1;
  }
  return { committed: parsed.orders.length > 0, ...report };
}
