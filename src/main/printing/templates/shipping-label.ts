import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { carrierLabelElements, carrierLabelFields } from './carrier-label-layout';
import { text } from './fields';

const schema = z.strictObject({
  ...carrierLabelFields,
  /** Cash to collect on delivery, as printed ("MYR 129.50"); absent: prepaid. */
  cod: text(24).optional(),
});

/**
 * The packing bench's carrier label, printed on the last scan of a package (100×150 mm, the
 * carriers' size): carrier, service, tracking barcode and QR, recipient, weight, COD to collect.
 */
export const shippingLabel: LabelTemplate<typeof schema> = {
  name: 'shipping-label',
  title: 'Shipping label',
  description: 'Carrier label of a packed parcel: tracking barcode and QR, recipient, COD, on 100×150 mm',
  size: { widthMm: 100, heightMm: 150 },
  schema,
  derive: (d) => ({
    address: d.addressLines.join('\n'),
    weight: d.weightKg.toFixed(2),
    payment: d.cod ? `COD ${d.cod}` : 'PREPAID',
  }),
  example: {
    trackingNumber: 'JMY000123456789',
    carrier: 'J&T Express',
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
    cod: 'THB 129.00',
  },
  elements: carrierLabelElements('{payment}'),
};
