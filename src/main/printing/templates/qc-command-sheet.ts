import { z } from 'zod';
import { commandSheet } from '../../../shared/returns/qc-commands';
import type { Element, LabelTemplate } from '../layout/model';
import { text } from './fields';

/** The sheet's commands, with the data field that names each one (`QC-COND-INTACT` → `COND_INTACT`). */
export const COMMAND_SHEET_ENTRIES = commandSheet().map((c) => ({
  code: c.code,
  field: c.code.slice('QC-'.length).replace(/-/g, '_'),
}));

const schema = z.strictObject({
  title: text(80),
  station: text(40),
  labels: z.strictObject(
    Object.fromEntries(COMMAND_SHEET_ENTRIES.map((e) => [e.field, text(40)])) as Record<
      string,
      ReturnType<typeof text>
    >,
  ),
});

const COLUMNS = 3;
const CELL_W = 66;
const CELL_H = 26;
const LEFT = 6;
const TOP = 18;

function cells(): Element[] {
  return COMMAND_SHEET_ENTRIES.flatMap((entry, i): Element[] => {
    const x = LEFT + (i % COLUMNS) * CELL_W;
    const y = TOP + Math.floor(i / COLUMNS) * CELL_H;
    return [
      { kind: 'box', x, y, w: CELL_W - 2, h: CELL_H - 2, thicknessMm: 0.2 },
      {
        kind: 'text',
        x: x + 2,
        y: y + 1,
        w: CELL_W - 6,
        h: 6,
        text: `{labels.${entry.field}}`,
        sizeMm: 3.6,
        minSizeMm: 2.4,
        bold: true,
        // The words are a courtesy (the code prints under its bars): a narrow receipt cuts them.
        overflow: 'ellipsis',
      },
      {
        kind: 'barcode',
        x: x + 3,
        y: y + 8,
        w: CELL_W - 8,
        h: 14,
        symbology: 'code128',
        value: entry.code,
        humanReadable: true,
      },
    ];
  });
}

/**
 * The bench's command barcodes on one A4 page, each with what it does in the station's language,
 * so a clerk with a scanner in one hand needs no keyboard: QC-OK is Enter, QC-YES / QC-NO answer,
 * QC-1…QC-9 pick from a list, QC-DONE closes the missing items…
 */
export const qcCommandSheet: LabelTemplate<typeof schema> = {
  name: 'qc-command-sheet',
  title: 'QC command sheet',
  description: 'Every command barcode of the QC bench with what it does, on one A4 page',
  size: { widthMm: 210, heightMm: 297 },
  schema,
  example: {
    title: 'QC bench commands',
    station: 'QC-1',
    labels: Object.fromEntries(COMMAND_SHEET_ENTRIES.map((e) => [e.field, e.code])),
  },
  elements: [
    { kind: 'text', x: 6, y: 5, w: 140, h: 9, text: '{title}', sizeMm: 6, minSizeMm: 4, bold: true },
    { kind: 'text', x: 150, y: 7, w: 54, h: 6, text: '{station}', sizeMm: 4, minSizeMm: 3, align: 'right' },
    ...cells(),
  ],
};
