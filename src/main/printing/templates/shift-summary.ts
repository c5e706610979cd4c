import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text, timestamp } from './fields';

const schema = z.strictObject({
  station: text(40),
  clerk: text(40),
  shiftStart: timestamp,
  shiftEnd: timestamp,
  lines: z
    .array(z.strictObject({ label: text(60), count: z.number().int().min(0) }))
    .min(1)
    .max(40),
  total: z.number().int().min(0),
  reportId: code(),
});

/** End-of-shift slip from the 80 mm receipt printer: what the clerk handled, by outcome. */
export const shiftSummary: LabelTemplate<typeof schema> = {
  name: 'shift-summary',
  title: 'Shift-summary receipt',
  description: 'Counts of the shift by outcome, on 80 mm receipt paper (as long as it needs)',
  size: { widthMm: 72, heightMm: null },
  schema,
  example: {
    station: 'BKK-QC-1',
    clerk: 'Somchai',
    shiftStart: '2026-01-15 06:00',
    shiftEnd: '2026-01-15 14:00',
    lines: [
      { label: 'Received', count: 212 },
      { label: 'Restocked', count: 158 },
      { label: 'To refurbish', count: 31 },
      { label: 'Destroyed', count: 14 },
      { label: 'Unknown codes', count: 9 },
    ],
    total: 424,
    reportId: 'SS-20260115-BKKQC1',
  },
  elements: [
    {
      kind: 'text',
      x: 0,
      y: 0,
      w: 72,
      h: 8,
      text: 'SHIFT SUMMARY',
      sizeMm: 5,
      minSizeMm: 3,
      bold: true,
      align: 'center',
    },
    {
      kind: 'text',
      x: 0,
      y: 9,
      w: 72,
      h: 5,
      text: '{station} · {clerk}',
      sizeMm: 3.2,
      minSizeMm: 2.6,
      align: 'center',
    },
    {
      kind: 'text',
      x: 0,
      y: 14,
      w: 72,
      h: 5,
      text: '{shiftStart} – {shiftEnd}',
      sizeMm: 3,
      minSizeMm: 2.4,
      align: 'center',
    },
    { kind: 'line', x1: 0, y1: 20, x2: 72, y2: 20, thicknessMm: 0.3 },
    {
      kind: 'repeat',
      field: 'lines',
      y: 22,
      rowHeightMm: 5,
      elements: [
        { kind: 'text', x: 0, y: 0, w: 52, h: 5, text: '{label}', sizeMm: 3.2, minSizeMm: 2.6 },
        { kind: 'text', x: 52, y: 0, w: 20, h: 5, text: '{count}', sizeMm: 3.2, align: 'right' },
      ],
    },
    { kind: 'line', x1: 0, y1: 28, x2: 72, y2: 28, thicknessMm: 0.3 },
    { kind: 'text', x: 0, y: 29, w: 52, h: 6, text: 'TOTAL', sizeMm: 4, bold: true },
    { kind: 'text', x: 52, y: 29, w: 20, h: 6, text: '{total}', sizeMm: 4, bold: true, align: 'right' },
    { kind: 'barcode', x: 23, y: 37, w: 26, h: 26, symbology: 'qrcode', value: '{reportId}' },
  ],
};
