import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text, timestamp } from './fields';

const schema = z.strictObject({
  returnId: code(),
  grade: z.enum(['A', 'B', 'C', 'D']),
  disposition: z.enum(['restock', 'refurbish', 'destroy', 'return_to_seller', 'liquidate']),
  item: text(300),
  sku: code().optional(),
  inspectedBy: text(40),
  inspectedAt: timestamp,
  barcode: code(),
});

const DISPOSITION = {
  restock: 'RESTOCK',
  refurbish: 'REFURBISH',
  destroy: 'DESTROY',
  return_to_seller: 'RETURN TO SELLER',
  liquidate: 'LIQUIDATE',
} as const;

/** Stuck on a returned item after inspection: what it is, how good, and where it goes next. */
export const qcTag: LabelTemplate<typeof schema> = {
  name: 'qc-tag',
  title: 'QC tag',
  description: 'Return id, grade, disposition, item and barcode, on a 100×50 mm label',
  size: { widthMm: 100, heightMm: 50 },
  schema,
  derive: (d) => ({ dispositionText: DISPOSITION[d.disposition] }),
  example: {
    returnId: 'RT-2026-000123',
    grade: 'B',
    disposition: 'restock',
    item: 'Wireless earbuds, black — หูฟังไร้สาย 无线耳机 Tai nghe không dây',
    sku: 'EB-200-BLK',
    inspectedBy: 'Somchai',
    inspectedAt: '2026-01-15 08:30',
    barcode: 'RT-2026-000123',
  },
  elements: [
    { kind: 'text', x: 3, y: 2.5, w: 70, h: 7, text: '{returnId}', sizeMm: 5.5, minSizeMm: 3.5, bold: true },
    // The grade box ends above the item line, which runs the label's full width.
    { kind: 'box', x: 78, y: 2, w: 19, h: 14.5, thicknessMm: 0.5 },
    { kind: 'text', x: 78, y: 2.5, w: 19, h: 13.5, text: '{grade}', sizeMm: 10, bold: true, align: 'center' },
    {
      kind: 'text',
      x: 3,
      y: 10,
      w: 72,
      h: 6,
      text: '{dispositionText}',
      sizeMm: 4.5,
      minSizeMm: 3,
      bold: true,
    },
    {
      kind: 'text',
      x: 3,
      y: 17,
      w: 94,
      h: 9,
      text: '{item}',
      sizeMm: 3.2,
      minSizeMm: 2.6,
      maxLines: 2,
      overflow: 'ellipsis',
    },
    { kind: 'line', x1: 3, y1: 27, x2: 97, y2: 27, thicknessMm: 0.25 },
    {
      kind: 'barcode',
      x: 3,
      y: 29,
      w: 70,
      h: 18,
      symbology: 'code128',
      value: '{barcode}',
      humanReadable: true,
    },
    {
      kind: 'text',
      x: 76,
      y: 30,
      w: 21,
      h: 8,
      text: '{inspectedBy}',
      sizeMm: 2.6,
      minSizeMm: 2,
      maxLines: 2,
    },
    {
      kind: 'text',
      x: 76,
      y: 39,
      w: 21,
      h: 8,
      text: '{inspectedAt}',
      sizeMm: 2.4,
      minSizeMm: 2,
      maxLines: 2,
    },
  ],
};
