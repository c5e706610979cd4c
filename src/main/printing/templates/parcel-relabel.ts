import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { carrierLabelElements, carrierLabelFields } from './carrier-label-layout';

const schema = z.strictObject(carrierLabelFields);

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
  elements: carrierLabelElements('RELABELLED {trackingNumber}'),
};
