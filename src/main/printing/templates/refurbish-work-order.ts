import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { code, text, timestamp } from './fields';

const schema = z.strictObject({
  workOrderId: code(),
  returnId: code(),
  item: text(200),
  faults: text(400),
  assignedTo: text(40),
  due: timestamp,
});

/** Travels with an item to the repair bench: what is wrong with it and who fixes it by when. */
export const refurbishWorkOrder: LabelTemplate<typeof schema> = {
  name: 'refurbish-work-order',
  title: 'Refurbish work-order tag',
  description: 'Work order, return, item, faults, assignee and due date, with a QR code, on 100×70 mm',
  size: { widthMm: 100, heightMm: 70 },
  schema,
  example: {
    workOrderId: 'WO-2026-0042',
    returnId: 'RT-2026-000123',
    item: 'Bluetooth speaker ลำโพงบลูทูธ',
    faults: 'Left channel crackles; charging port loose. Loa trái rè, cổng sạc lỏng.',
    assignedTo: 'Nguyễn Văn An',
    due: '2026-01-17',
  },
  elements: [
    { kind: 'text', x: 3, y: 2, w: 60, h: 5, text: 'REFURBISH WORK ORDER', sizeMm: 3.2, bold: true },
    { kind: 'text', x: 3, y: 7, w: 60, h: 7, text: '{workOrderId}', sizeMm: 5.5, minSizeMm: 3.5, bold: true },
    { kind: 'text', x: 3, y: 15, w: 60, h: 5, text: 'Return {returnId}', sizeMm: 3, minSizeMm: 2.4 },
    { kind: 'barcode', x: 70, y: 2, w: 27, h: 27, symbology: 'qrcode', value: '{workOrderId}' },
    { kind: 'line', x1: 3, y1: 30, x2: 97, y2: 30, thicknessMm: 0.3 },
    {
      kind: 'text',
      x: 3,
      y: 31.5,
      w: 94,
      h: 9,
      text: '{item}',
      sizeMm: 3.4,
      minSizeMm: 2.6,
      maxLines: 2,
      overflow: 'ellipsis',
      bold: true,
    },
    { kind: 'text', x: 3, y: 41, w: 94, h: 16, text: '{faults}', sizeMm: 3.2, minSizeMm: 2.4, maxLines: 4 },
    { kind: 'line', x1: 3, y1: 58, x2: 97, y2: 58, thicknessMm: 0.3 },
    { kind: 'text', x: 3, y: 60, w: 60, h: 7, text: '{assignedTo}', sizeMm: 3.4, minSizeMm: 2.6 },
    {
      kind: 'text',
      x: 64,
      y: 60,
      w: 33,
      h: 7,
      text: 'Due {due}',
      sizeMm: 3.4,
      minSizeMm: 2.6,
      align: 'right',
      bold: true,
    },
  ],
};
