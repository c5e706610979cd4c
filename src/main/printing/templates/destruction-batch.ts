import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text, timestamp } from './fields';

const schema = z.strictObject({
  batchId: code(),
  reason: text(200),
  unitCount: z.number().int().min(1).max(100_000),
  createdAt: timestamp,
  approvedBy: text(40),
});

/** On the cage of items to be destroyed: the batch the destruction certificate will name. */
export const destructionBatch: LabelTemplate<typeof schema> = {
  name: 'destruction-batch',
  title: 'Destruction-batch label',
  description: 'Batch id, reason, unit count, date and approver, with a DataMatrix, on 100×70 mm',
  size: { widthMm: 100, heightMm: 70 },
  schema,
  example: {
    batchId: 'DB-2026-0007',
    reason: 'Damaged beyond repair / ชำรุดเสียหาย',
    unitCount: 48,
    createdAt: '2026-01-15',
    approvedBy: 'Mei',
  },
  elements: [
    { kind: 'box', x: 2, y: 2, w: 96, h: 66, thicknessMm: 0.8 },
    {
      kind: 'text',
      x: 5,
      y: 4,
      w: 62,
      h: 8,
      text: 'DESTROY — DO NOT SELL',
      sizeMm: 4.6,
      minSizeMm: 3.4,
      bold: true,
    },
    { kind: 'text', x: 5, y: 13, w: 62, h: 8, text: '{batchId}', sizeMm: 5.5, minSizeMm: 3.5, bold: true },
    { kind: 'barcode', x: 72, y: 5, w: 22, h: 22, symbology: 'datamatrix', value: '{batchId}' },
    { kind: 'text', x: 5, y: 24, w: 88, h: 14, text: '{reason}', sizeMm: 3.6, minSizeMm: 2.6, maxLines: 3 },
    {
      kind: 'text',
      x: 5,
      y: 40,
      w: 40,
      h: 12,
      text: '{unitCount} units',
      sizeMm: 7,
      minSizeMm: 4,
      bold: true,
    },
    {
      kind: 'text',
      x: 50,
      y: 42,
      w: 44,
      h: 5,
      text: 'Created {createdAt}',
      sizeMm: 3,
      minSizeMm: 2.4,
      align: 'right',
    },
    {
      kind: 'text',
      x: 50,
      y: 48,
      w: 44,
      h: 5,
      text: 'Approved {approvedBy}',
      sizeMm: 3,
      minSizeMm: 2.4,
      align: 'right',
    },
    { kind: 'barcode', x: 5, y: 54, w: 88, h: 12, symbology: 'code128', value: '{batchId}' },
  ],
};
