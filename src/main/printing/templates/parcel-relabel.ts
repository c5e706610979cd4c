import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text } from './fields';

const schema = z.strictObject({
  trackingNumber: code(),
  carrier: text(40),
  service: text(40),
  recipientName: text(80),
  recipientPhone: text(30).optional(),
  addressLines: z.array(text(120)).min(1).max(4),
  city: text(60),
  postalCode: text(12),
  country: z.string().regex(/^[A-Z]{2}$/, 'two-letter country code'),
  sender: text(120),
  weightKg: z.number().positive().max(100),
  reference: code().optional(),
});

/** Replaces a damaged or wrong carrier label on an outgoing parcel (100×150 mm, the carriers' size). */
export const parcelRelabel: LabelTemplate<typeof schema> = {
  name: 'parcel-relabel',
  title: 'Parcel relabel label',
  description: 'Carrier, recipient, address, tracking barcode and QR, on 100×150 mm',
  size: { widthMm: 100, heightMm: 150 },
  schema,
  derive: (d) => ({ address: d.addressLines.join('\n'), weight: d.weightKg.toFixed(2) }),
  example: {
    trackingNumber: 'TH0123456789X',
    carrier: 'Flash Express',
    service: 'Standard',
    recipientName: 'สมหญิง ใจดี',
    recipientPhone: '+66 81 234 5678',
    addressLines: ['99/12 ถนนสุขุมวิท แขวงคลองเตย', 'เขตคลองเตย'],
    city: 'กรุงเทพมหานคร',
    postalCode: '10110',
    country: 'TH',
    sender: 'LastMile Returns Hub, Bang Na, Bangkok',
    weightKg: 1.25,
    reference: 'ORD-778812',
  },
  elements: [
    { kind: 'text', x: 4, y: 3, w: 60, h: 9, text: '{carrier}', sizeMm: 6, minSizeMm: 4, bold: true },
    { kind: 'text', x: 64, y: 4, w: 32, h: 7, text: '{service}', sizeMm: 4, minSizeMm: 3, align: 'right' },
    { kind: 'line', x1: 3, y1: 13, x2: 97, y2: 13, thicknessMm: 0.5 },
    { kind: 'barcode', x: 8, y: 16, w: 84, h: 28, symbology: 'code128', value: '{trackingNumber}', humanReadable: true },
    { kind: 'line', x1: 3, y1: 47, x2: 97, y2: 47, thicknessMm: 0.5 },
    { kind: 'text', x: 4, y: 49, w: 30, h: 5, text: 'TO', sizeMm: 3, bold: true },
    { kind: 'text', x: 4, y: 54, w: 92, h: 9, text: '{recipientName}', sizeMm: 5.5, minSizeMm: 3.5, bold: true },
    { kind: 'text', x: 4, y: 63, w: 92, h: 5, text: '{recipientPhone}', sizeMm: 3.4, minSizeMm: 2.6 },
    { kind: 'text', x: 4, y: 68, w: 92, h: 22, text: '{address}', sizeMm: 4, minSizeMm: 3, maxLines: 4 },
    { kind: 'text', x: 4, y: 90, w: 70, h: 8, text: '{city} {postalCode}', sizeMm: 4.6, minSizeMm: 3.2, bold: true },
    { kind: 'text', x: 76, y: 89, w: 20, h: 10, text: '{country}', sizeMm: 7.5, bold: true, align: 'right' },
    { kind: 'line', x1: 3, y1: 100, x2: 97, y2: 100, thicknessMm: 0.5 },
    { kind: 'text', x: 4, y: 102, w: 62, h: 10, text: 'From: {sender}', sizeMm: 3, minSizeMm: 2.4, maxLines: 2 },
    { kind: 'text', x: 4, y: 113, w: 62, h: 5, text: 'Weight {weight} kg', sizeMm: 3.2 },
    { kind: 'text', x: 4, y: 119, w: 62, h: 5, text: 'Ref {reference}', sizeMm: 3.2, minSizeMm: 2.4 },
    { kind: 'barcode', x: 70, y: 104, w: 26, h: 26, symbology: 'qrcode', value: '{trackingNumber}' },
    { kind: 'box', x: 3, y: 132, w: 94, h: 15, thicknessMm: 0.5 },
    { kind: 'text', x: 5, y: 134, w: 90, h: 11, text: 'RELABELLED {trackingNumber}', sizeMm: 4, minSizeMm: 3, bold: true, align: 'center' },
  ],
};
