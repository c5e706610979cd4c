import { z } from 'zod';
import { instantOf, parseIsoDate } from '../calendar/local-date';
import { isIsoCountry } from '../codes/iso-countries';
import { decodeUtf8, parseCsv } from '../csv/csv';
import { CARRIER_SERVICES } from './carrier-services';
import { ITEM_CLASSES, parseItemClassList } from './item-classes';
import { parseMoney } from './money';
import type { OutboundOrder } from './outbound-order';

/**
 * Orders from a seller's ERP as a CSV file: one row per order line, the order's own columns
 * repeated on each of its rows (and required to agree). Documented in docs/PACKING.md; the
 * column table below is the single definition the parser, the docs and the tests use.
 *
 * Every row is checked (zod) and every problem is reported with its line — the line the record
 * starts on, since a quoted address may span lines — and its column. UTF-8 with or without a
 * BOM; a file in another encoding is refused with the line of the first byte that is not UTF-8.
 */
export interface ErpColumn {
  name: string;
  required: boolean;
  level: 'order' | 'line';
  description: string;
}

export const ERP_COLUMNS: readonly ErpColumn[] = [
  {
    name: 'order_ref',
    required: true,
    level: 'order',
    description: "the seller's order number (unique per seller; the import key)",
  },
  {
    name: 'line_ref',
    required: false,
    level: 'line',
    description: "the line's id in the ERP (default: its position in the order)",
  },
  { name: 'sku', required: true, level: 'line', description: 'the SKU as the items are labelled' },
  { name: 'product_name', required: true, level: 'line', description: 'what the packer reads on screen' },
  { name: 'quantity', required: true, level: 'line', description: 'whole number, 1–10000' },
  {
    name: 'unit_weight_g',
    required: false,
    level: 'line',
    description: 'one item in grams, for the expected-weight check',
  },
  {
    name: 'barcode',
    required: false,
    level: 'line',
    description: 'GTIN / EAN / UPC on the item (8–14 digits)',
  },
  {
    name: 'serial_required',
    required: false,
    level: 'line',
    description: "yes: each unit's serial number is scanned at the bench (yes / no, default no)",
  },
  {
    name: 'item_class',
    required: false,
    level: 'line',
    description:
      'what some carriers refuse: battery, liquid, aerosol; several joined with | (battery|liquid)',
  },
  { name: 'recipient_name', required: true, level: 'order', description: 'who receives the parcel' },
  { name: 'phone', required: false, level: 'order', description: "the recipient's phone" },
  { name: 'address1', required: true, level: 'order', description: 'street address' },
  { name: 'address2', required: false, level: 'order', description: 'more address' },
  { name: 'city', required: true, level: 'order', description: 'city / district' },
  { name: 'region', required: false, level: 'order', description: 'state / province' },
  {
    name: 'postcode',
    required: false,
    level: 'order',
    description: 'postcode (required where the country has them)',
  },
  { name: 'country', required: true, level: 'order', description: 'ISO 3166-1 alpha-2 (TH, VN, MY, GB, US)' },
  {
    name: 'cod_amount',
    required: false,
    level: 'order',
    description: 'cash to collect, in the currency, e.g. 129.50',
  },
  { name: 'currency', required: false, level: 'order', description: 'ISO 4217; required with cod_amount' },
  {
    name: 'ship_by',
    required: false,
    level: 'order',
    description:
      'ship-by deadline: 2026-06-08T10:00+07:00, or 2026-06-08 10:00 (station time), or 2026-06-08 (end of day)',
  },
  {
    name: 'deliver_by',
    required: false,
    level: 'order',
    description: 'delivery deadline, same forms as ship_by',
  },
  {
    name: 'service',
    required: false,
    level: 'order',
    description: 'preferred carrier service id (docs/PACKING.md)',
  },
  { name: 'notes', required: false, level: 'order', description: 'for the packer (gift wrap, fragile)' },
];

export type ErpErrorCode =
  | 'not_utf8'
  | 'csv_syntax'
  | 'empty'
  | 'missing_column'
  | 'unknown_column'
  | 'duplicate_column'
  | 'field_count'
  | 'invalid_value'
  | 'order_mismatch'
  | 'duplicate_line';

export interface ErpImportError {
  line: number;
  column: string | null;
  code: ErpErrorCode;
  message: string;
}

export interface ErpParseOptions {
  seller: string;
  /** Time zone for deadlines written without an offset (the station's). */
  timeZone: string;
}

export interface ErpParse {
  orders: Array<{ order: OutboundOrder; lines: number[] }>;
  errors: ErpImportError[];
  /** Order refs that have at least one error (none of their rows is usable). */
  rejectedOrders: string[];
}

const opt = (max: number) =>
  z
    .string()
    .max(max, `at most ${String(max)} characters`)
    .transform((v) => (v === '' ? null : v));
const req = (max: number) =>
  z
    .string()
    .min(1, 'required')
    .max(max, `at most ${String(max)} characters`);
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const noControl = /^[^\u0000-\u001f\u007f]*$/;

const rowSchema = z.strictObject({
  order_ref: req(64).regex(noControl, 'no control characters'),
  line_ref: opt(64),
  sku: req(64).regex(noControl, 'no control characters'),
  product_name: req(300),
  quantity: z
    .string()
    .regex(/^\d{1,5}$/, 'a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 10_000, '1 to 10000'),
  unit_weight_g: z
    .string()
    .regex(/^(\d{1,7})?$/, 'whole grams')
    .transform((v) => (v === '' ? null : Number(v))),
  barcode: z
    .string()
    .regex(/^(\d{8,14})?$/, '8 to 14 digits')
    .transform((v) => (v === '' ? null : v)),
  serial_required: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => ['', 'yes', 'no', 'y', 'n', 'true', 'false', '1', '0'].includes(v), 'yes or no')
    .transform((v) => ['yes', 'y', 'true', '1'].includes(v)),
  item_class: z.string().transform((v, ctx) => {
    const parsed = parseItemClassList(v);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `"${parsed.unknown.join('|')}" is not ${ITEM_CLASSES.join(', ')} (join several with |)`,
      });
      return z.NEVER;
    }
    return parsed.classes;
  }),
  recipient_name: req(120),
  phone: opt(40),
  address1: req(200),
  address2: opt(200),
  city: req(80),
  region: opt(80),
  postcode: opt(16),
  country: z
    .string()
    .transform((v) => v.toUpperCase())
    .refine(isIsoCountry, 'an ISO 3166-1 alpha-2 country code'),
  cod_amount: opt(20),
  currency: z
    .string()
    .transform((v) => (v === '' ? null : v.toUpperCase()))
    .refine((v) => v === null || /^[A-Z]{3}$/.test(v), 'an ISO 4217 code'),
  ship_by: opt(40),
  deliver_by: opt(40),
  service: opt(64).refine(
    (v) => v === null || CARRIER_SERVICES.some((s) => s.id === v),
    'not a carrier service we know',
  ),
  notes: opt(500),
});
type Row = z.infer<typeof rowSchema>;

const ORDER_COLUMNS = ERP_COLUMNS.filter((c) => c.level === 'order' && c.name !== 'order_ref').map(
  (c) => c.name,
);

/** A deadline in one of the documented forms → ms, or a sentence saying why not. */
export function parseDeadline(text: string, timeZone: string): number | string {
  const zoned = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text);
  const dateOnly = /^(\d{4}-\d{2}-\d{2})$/.exec(text);
  try {
    if (zoned) {
      const [, date, hh, mm, ss, zone] = zoned as unknown as [
        string,
        string,
        string,
        string,
        string | undefined,
        string,
      ];
      parseIsoDate(date);
      if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return 'not a time of day';
      const offset =
        zone === 'Z'
          ? 0
          : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
      const { year, month, day } = parseIsoDate(date);
      return Date.UTC(year, month - 1, day, Number(hh), Number(mm), Number(ss ?? 0)) - offset * 60_000;
    }
    if (local) {
      const [, date, hh, mm] = local as unknown as [string, string, string, string];
      if (Number(hh) > 23 || Number(mm) > 59) return 'not a time of day';
      return instantOf(date, Number(hh) * 60 + Number(mm), timeZone);
    }
    if (dateOnly?.[1]) return instantOf(dateOnly[1], 23 * 60 + 59, timeZone);
  } catch {
    return 'not a calendar date';
  }
  return 'use 2026-06-08T10:00+07:00, 2026-06-08 10:00 or 2026-06-08';
}

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function parseErpCsv(bytes: Uint8Array, options: ErpParseOptions): ErpParse {
  const errors: ErpImportError[] = [];
  const fail = (e: ErpImportError): ErpParse => ({ orders: [], errors: [e], rejectedOrders: [] });
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return fail({
      line: decoded.line,
      column: null,
      code: 'not_utf8',
      message: `the file is not UTF-8 from byte ${String(decoded.byteOffset)} on (save it as "CSV UTF-8")`,
    });
  }
  const csv = parseCsv(decoded.text);
  if (!csv.ok) {
    return fail({
      line: csv.line,
      column: null,
      code: 'csv_syntax',
      message: `${csv.reason.replace(/_/g, ' ')} at column ${String(csv.column)}`,
    });
  }
  const [header, ...records] = csv.records;
  if (!header) return fail({ line: 1, column: null, code: 'empty', message: 'the file is empty' });
  const names = header.fields.map(normaliseHeader);
  const known = new Set(ERP_COLUMNS.map((c) => c.name));
  names.forEach((n, i) => {
    if (!known.has(n)) {
      errors.push({
        line: header.line,
        column: header.fields[i] ?? n,
        code: 'unknown_column',
        message: `unknown column "${header.fields[i] ?? n}"`,
      });
    } else if (names.indexOf(n) !== i) {
      errors.push({
        line: header.line,
        column: n,
        code: 'duplicate_column',
        message: `column "${n}" appears twice`,
      });
    }
  });
  for (const c of ERP_COLUMNS) {
    if (c.required && !names.includes(c.name)) {
      errors.push({
        line: header.line,
        column: c.name,
        code: 'missing_column',
        message: `required column "${c.name}" is missing`,
      });
    }
  }
  if (errors.length > 0) return { orders: [], errors, rejectedOrders: [] };
  if (records.length === 0)
    return fail({
      line: header.line + 1,
      column: null,
      code: 'empty',
      message: 'the file has a header but no rows',
    });

  const byOrder = new Map<string, Array<{ line: number; row: Row }>>();
  const rejected = new Set<string>();
  for (const record of records) {
    const refIndex = names.indexOf('order_ref');
    const ref = (record.fields[refIndex] ?? '').trim();
    if (record.fields.length !== names.length) {
      errors.push({
        line: record.line,
        column: null,
        code: 'field_count',
        message: `${String(record.fields.length)} fields, the header has ${String(names.length)}`,
      });
      if (ref) rejected.add(ref);
      continue;
    }
    const raw: Record<string, string> = Object.fromEntries(ERP_COLUMNS.map((c) => [c.name, '']));
    names.forEach((n, i) => (raw[n] = (record.fields[i] ?? '').trim()));
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        errors.push({
          line: record.line,
          column,
          code: 'invalid_value',
          message: `${column}: ${issue.message}`,
        });
      }
      if (ref) rejected.add(ref);
      continue;
    }
    const row = parsed.data;
    const rowErrors: ErpImportError[] = [];
    const bad = (column: string, message: string) =>
      rowErrors.push({ line: record.line, column, code: 'invalid_value', message: `${column}: ${message}` });
    if (row.cod_amount !== null) {
      if (row.currency === null) bad('currency', 'required with cod_amount');
      else if (!parseMoney(row.cod_amount, row.currency))
        bad('cod_amount', `not an amount in ${row.currency}`);
    }
    for (const column of ['ship_by', 'deliver_by'] as const) {
      const value = row[column];
      if (value !== null) {
        const at = parseDeadline(value, options.timeZone);
        if (typeof at === 'string') bad(column, at);
      }
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      rejected.add(row.order_ref);
      continue;
    }
    const list = byOrder.get(row.order_ref) ?? [];
    list.push({ line: record.line, row });
    byOrder.set(row.order_ref, list);
  }

  const orders: ErpParse['orders'] = [];
  for (const [ref, rows] of byOrder) {
    const first = rows[0] as { line: number; row: Row };
    const orderErrors: ErpImportError[] = [];
    const seenLines = new Map<string, number>();
    rows.forEach(({ line, row }, i) => {
      for (const column of ORDER_COLUMNS) {
        const a = first.row[column as keyof Row];
        const b = row[column as keyof Row];
        if (a !== b) {
          orderErrors.push({
            line,
            column,
            code: 'order_mismatch',
            message: `${column} differs from line ${String(first.line)} of the same order (${JSON.stringify(b)} vs ${JSON.stringify(a)})`,
          });
        }
      }
      const lineRef = row.line_ref ?? String(i + 1);
      const seen = seenLines.get(lineRef);
      if (seen !== undefined) {
        orderErrors.push({
          line,
          column: 'line_ref',
          code: 'duplicate_line',
          message: `line_ref "${lineRef}" is already on line ${String(seen)}`,
        });
      } else seenLines.set(lineRef, line);
    });
    if (orderErrors.length > 0 || rejected.has(ref)) {
      errors.push(...orderErrors);
      rejected.add(ref);
      continue;
    }
    const o = first.row;
    const deadline = (v: string | null) =>
      v === null ? null : (parseDeadline(v, options.timeZone) as number);
    orders.push({
      lines: rows.map((r) => r.line),
      order: {
        source: `erp:${options.seller}`,
        externalId: ref,
        seller: options.seller,
        market: o.country,
        stage: 'to_ship',
        platformStatus: null,
        cancellation: null,
        recipient: {
          name: o.recipient_name,
          phone: o.phone,
          address1: o.address1,
          address2: o.address2,
          city: o.city,
          region: o.region,
          postcode: o.postcode,
          country: o.country,
        },
        cod: o.cod_amount !== null && o.currency !== null ? parseMoney(o.cod_amount, o.currency) : null,
        deadlines: {
          shipBy: deadline(o.ship_by),
          shipAutoCancel: null,
          collectBy: null,
          collectAutoCancel: null,
          deliverBy: deadline(o.deliver_by),
          deliverAutoCancel: null,
        },
        lines: rows.map(({ row }, i) => ({
          lineRef: row.line_ref ?? String(i + 1),
          sku: row.sku,
          productName: row.product_name,
          quantity: row.quantity,
          unitGrams: row.unit_weight_g,
          barcode: row.barcode,
          packageId: null,
          ...(row.serial_required ? { serialRequired: true } : {}),
          ...(row.item_class.length > 0 ? { itemClasses: row.item_class } : {}),
        })),
        shippingType: 'seller',
        deliveryOptionId: null,
        service: o.service,
        notes: o.notes,
        sourceUpdatedAt: null,
      },
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { orders, errors, rejectedOrders: [...rejected].sort() };
}
