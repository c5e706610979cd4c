import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text } from './fields';

const schema = z.strictObject({
  sku: code(),
  bin: code(20),
  description: text(200).optional(),
  barcode: code(),
});

/** Goes on a restocked item: the SKU to scan at put-away, and the bin it goes to. */
export const restockLabel: LabelTemplate<typeof schema> = {
  name: 'restock-label',
  title: 'Restock label',
  description: 'SKU, bin and barcode, on a 60×40 mm label',
  size: { widthMm: 60, heightMm: 40 },
  schema,
  example: {
    sku: 'EB-200-BLK',
    bin: 'A-03-17',
    description: 'Wireless earbuds 无线耳机',
    barcode: 'EB-200-BLK',
  },
  elements: [
    { kind: 'text', x: 3, y: 2, w: 34, h: 6, text: '{sku}', sizeMm: 4.2, minSizeMm: 2.8, bold: true },
    { kind: 'box', x: 38, y: 1.5, w: 19, h: 9, thicknessMm: 0.4 },
    {
      kind: 'text',
      x: 38,
      y: 2.5,
      w: 19,
      h: 7,
      text: '{bin}',
      sizeMm: 4,
      minSizeMm: 2.5,
      bold: true,
      align: 'center',
    },
    {
      kind: 'text',
      x: 3,
      y: 11,
      w: 54,
      h: 7,
      text: '{description}',
      sizeMm: 2.8,
      minSizeMm: 2.2,
      maxLines: 2,
      overflow: 'ellipsis',
    },
    {
      kind: 'barcode',
      x: 4,
      y: 19,
      w: 52,
      h: 18,
      symbology: 'code128',
      value: '{barcode}',
      humanReadable: true,
    },
  ],
};
