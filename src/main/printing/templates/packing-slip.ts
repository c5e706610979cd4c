import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text, timestamp } from './fields';

const schema = z.strictObject({
  orderRef: code(),
  packageNo: z.number().int().min(1).max(99),
  recipientName: text(80),
  city: text(60),
  country: z.string().regex(/^[A-Z]{2}$/, 'two-letter country code'),
  carrier: text(40),
  lines: z.array(text(60)).min(1).max(8),
  items: z.number().int().min(1).max(10_000),
  packedAt: timestamp,
  station: text(40),
});

/**
 * Printed instead of the carrier label when the label cannot be had yet (carrier offline): the
 * parcel leaves the bench marked with its order, and the label prints the moment it arrives —
 * the packer matches it by the order barcode.
 */
export const packingSlip: LabelTemplate<typeof schema> = {
  name: 'packing-slip',
  title: 'Packing slip (label to follow)',
  description: 'Order barcode, recipient and contents of a parcel whose carrier label follows, on 100×150 mm',
  size: { widthMm: 100, heightMm: 150 },
  schema,
  derive: (d) => ({ contents: d.lines.join('\n') }),
  example: {
    orderRef: '578123456789012345',
    packageNo: 1,
    recipientName: 'Nur Aisyah binti Ahmad',
    city: 'Shah Alam',
    country: 'MY',
    carrier: 'J&T Express',
    lines: ['2 × SKU-TEE-M Cotton tee', '1 × SKU-CAP Cap'],
    items: 3,
    packedAt: '2026-06-05 10:12',
    station: 'KUL-PACK-1',
  },
  elements: [
    { kind: 'box', x: 3, y: 3, w: 94, h: 14, thicknessMm: 0.8 },
    {
      kind: 'text',
      x: 5,
      y: 5,
      w: 90,
      h: 10,
      text: 'LABEL TO FOLLOW',
      sizeMm: 7,
      minSizeMm: 5,
      bold: true,
      align: 'center',
    },
    {
      kind: 'barcode',
      x: 8,
      y: 20,
      w: 84,
      h: 24,
      symbology: 'code128',
      value: '{orderRef}',
      humanReadable: true,
    },
    { kind: 'text', x: 4, y: 48, w: 60, h: 6, text: 'Package {packageNo} · {carrier}', sizeMm: 3.6 },
    { kind: 'line', x1: 3, y1: 55, x2: 97, y2: 55, thicknessMm: 0.5 },
    {
      kind: 'text',
      x: 4,
      y: 57,
      w: 92,
      h: 9,
      text: '{recipientName}',
      sizeMm: 5,
      minSizeMm: 3.5,
      bold: true,
    },
    { kind: 'text', x: 4, y: 66, w: 72, h: 7, text: '{city}', sizeMm: 4.2, minSizeMm: 3 },
    { kind: 'text', x: 76, y: 64, w: 20, h: 10, text: '{country}', sizeMm: 6, bold: true, align: 'right' },
    { kind: 'line', x1: 3, y1: 75, x2: 97, y2: 75, thicknessMm: 0.5 },
    { kind: 'text', x: 4, y: 77, w: 92, h: 5, text: '{items} item(s)', sizeMm: 3.4, bold: true },
    { kind: 'text', x: 4, y: 83, w: 92, h: 50, text: '{contents}', sizeMm: 3.4, minSizeMm: 2.6, maxLines: 8 },
    { kind: 'line', x1: 3, y1: 136, x2: 97, y2: 136, thicknessMm: 0.5 },
    { kind: 'text', x: 4, y: 138, w: 92, h: 8, text: '{packedAt} {station}', sizeMm: 3, minSizeMm: 2.4 },
  ],
};
