import { decodeUtf8, parseCsv } from '../csv/csv';
import { ITEM_CLASSES, parseItemClassList, type ItemClass } from './item-classes';

/**
 * The supervisor's SKU → item class list, for order lines whose source says nothing of their
 * goods (TikTok Shop pulls): columns `sku` and `item_class` (case-insensitive headers; classes
 * joined with `|`; empty: the SKU has none, which clears an earlier row). One row per SKU. Shared,
 * so a screen can check a file before sending it.
 */
export interface SkuClassRow {
  sku: string;
  itemClasses: ItemClass[];
  serialRequired: boolean;
}

export interface SkuClassError {
  line: number;
  column: 'sku' | 'item_class' | 'serial_required' | null;
  code:
    | 'not_utf8'
    | 'csv_syntax'
    | 'empty'
    | 'missing_column'
    | 'unknown_column'
    | 'invalid_value'
    | 'duplicate_sku';
  message: string;
}

const COLUMNS = ['sku', 'item_class'] as const;
/** Optional: `yes` asks the packer for each unit's serial number (as the ERP column does). */
const OPTIONAL_COLUMNS = ['serial_required'] as const;
const YES = ['yes', 'y', 'true', '1'];
const NO = ['', 'no', 'n', 'false', '0'];

export function parseSkuClassCsv(bytes: Uint8Array): { rows: SkuClassRow[]; errors: SkuClassError[] } {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      rows: [],
      errors: [{ line: decoded.line, column: null, code: 'not_utf8', message: 'the file is not UTF-8' }],
    };
  }
  const csv = parseCsv(decoded.text);
  if (!csv.ok) {
    return {
      rows: [],
      errors: [{ line: csv.line, column: null, code: 'csv_syntax', message: csv.reason }],
    };
  }
  const [header, ...records] = csv.records;
  if (!header) return { rows: [], errors: [{ line: 1, column: null, code: 'empty', message: 'no header' }] };
  const names = header.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const errors: SkuClassError[] = [];
  for (const n of names) {
    if (![...COLUMNS, ...OPTIONAL_COLUMNS].includes(n as never)) {
      errors.push({
        line: header.line,
        column: null,
        code: 'unknown_column',
        message: `unknown column "${n}"`,
      });
    }
  }
  for (const c of COLUMNS) {
    if (!names.includes(c)) {
      errors.push({ line: header.line, column: c, code: 'missing_column', message: `no ${c} column` });
    }
  }
  if (errors.length > 0) return { rows: [], errors };
  const skuAt = names.indexOf('sku');
  const classAt = names.indexOf('item_class');
  const serialAt = names.indexOf('serial_required');
  const rows: SkuClassRow[] = [];
  const seen = new Map<string, number>();
  for (const r of records) {
    const sku = (r.fields[skuAt] ?? '').trim();
    if (sku === '' || sku.length > 80) {
      errors.push({
        line: r.line,
        column: 'sku',
        code: 'invalid_value',
        message: 'a SKU of 1 to 80 characters',
      });
      continue;
    }
    const first = seen.get(sku);
    if (first !== undefined) {
      errors.push({
        line: r.line,
        column: 'sku',
        code: 'duplicate_sku',
        message: `${sku} is already on line ${String(first)}`,
      });
      continue;
    }
    seen.set(sku, r.line);
    const classes = parseItemClassList(r.fields[classAt] ?? '');
    if (!classes.ok) {
      errors.push({
        line: r.line,
        column: 'item_class',
        code: 'invalid_value',
        message: `"${classes.unknown.join('|')}" is not ${ITEM_CLASSES.join(', ')} (join several with |)`,
      });
      continue;
    }
    const serial = serialAt < 0 ? '' : (r.fields[serialAt] ?? '').trim().toLowerCase();
    if (!YES.includes(serial) && !NO.includes(serial)) {
      errors.push({
        line: r.line,
        column: 'serial_required',
        code: 'invalid_value',
        message: `"${serial.slice(0, 20)}" is not yes or no`,
      });
      continue;
    }
    rows.push({ sku, itemClasses: classes.classes, serialRequired: YES.includes(serial) });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ line: header.line, column: null, code: 'empty', message: 'no rows under the header' });
  }
  return { rows, errors };
}
