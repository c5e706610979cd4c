import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text, timestamp } from './fields';

const schema = z.strictObject({
  lpn: code(30),
  returnId: code(),
  receivedAt: timestamp,
  station: text(40),
});

/** The unit's own id from receipt on (license plate number), scanned at every later step. */
export const licensePlate: LabelTemplate<typeof schema> = {
  name: 'license-plate',
  title: 'License-plate label',
  description: 'LPN of a received unit, as Code 128 and DataMatrix, on 60×40 mm',
  size: { widthMm: 60, heightMm: 40 },
  schema,
  example: {
    lpn: 'LPN00012345',
    returnId: 'RT-2026-000123',
    receivedAt: '2026-01-15 08:12',
    station: 'BKK-QC-1',
  },
  elements: [
    { kind: 'text', x: 3, y: 2, w: 36, h: 6, text: '{lpn}', sizeMm: 4.4, minSizeMm: 3, bold: true },
    { kind: 'text', x: 3, y: 8.5, w: 36, h: 4, text: '{returnId}', sizeMm: 2.8, minSizeMm: 2.2 },
    { kind: 'text', x: 3, y: 12.5, w: 36, h: 4, text: '{receivedAt} {station}', sizeMm: 2.4, minSizeMm: 2 },
    { kind: 'barcode', x: 42, y: 2, w: 15, h: 15, symbology: 'datamatrix', value: '{lpn}' },
    { kind: 'barcode', x: 4, y: 19, w: 52, h: 18, symbology: 'code128', value: '{lpn}', humanReadable: true },
  ],
};
