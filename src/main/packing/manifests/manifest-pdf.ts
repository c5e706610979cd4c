import PDFDocument from 'pdfkit';
import { formatLocalIso } from '../../../shared/calendar/local-date';
import type { Manifest } from '../../../shared/packing/manifest';
import { formatMoney } from '../../../shared/packing/money';
import { encodeBarcode } from '../../printing/barcodes/symbology';
import { FontLibrary } from '../../printing/text/font-library';
import { scriptOf } from '../../printing/text/scripts';
import { kilograms, type ManifestDocumentOptions } from './manifest-csv';

/**
 * The manifest as an A4 PDF the driver signs: the carrier, date and manifest id (also as a Code
 * 128 the carrier's depot can scan), one row per parcel, the counts and COD totals, the missing
 * parcels, and the driver's name with a line for the signature. Text is real text (the shipped
 * Noto fonts, embedded, so Thai, Vietnamese and Chinese names print on any PC and can be
 * searched and copied), split into runs by script because no one font covers all three.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const ROW = 16;

type FontKey = 'sans' | 'thai' | 'cjk';

export async function manifestPdf(
  manifest: Manifest,
  options: ManifestDocumentOptions & { fonts?: FontLibrary; createdAt?: Date },
): Promise<Buffer> {
  const library = options.fonts ?? (await FontLibrary.load());
  const files = new Map(library.files().map((f) => [f.key, f.path]));
  const doc = new PDFDocument({
    size: A4,
    margin: MARGIN,
    info: {
      Title: `Manifest ${manifest.id}`,
      Creator: 'LastMile Desk',
      ...(options.createdAt ? { CreationDate: options.createdAt } : {}),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const key of ['sans', 'thai', 'cjk', 'sans-bold', 'thai-bold', 'cjk-bold']) {
    const path = files.get(key);
    if (path) doc.registerFont(key, path);
  }

  /** Writes `text` at (x, y) in script runs, clipped to `width`. */
  const write = (
    text: string,
    x: number,
    y: number,
    size: number,
    opts: { bold?: boolean; width?: number } = {},
  ) => {
    const runs: Array<{ font: FontKey; text: string }> = [];
    for (const ch of text) {
      const script = scriptOf(ch.codePointAt(0) as number);
      const font: FontKey = script === 'thai' ? 'thai' : script === 'cjk' ? 'cjk' : 'sans';
      const last = runs.at(-1);
      if (last?.font === font) last.text += ch;
      else runs.push({ font, text: ch });
    }
    doc.fontSize(size);
    runs.forEach((run, i) => {
      doc.font(`${run.font}${opts.bold ? '-bold' : ''}`);
      const o = {
        lineBreak: false,
        continued: i < runs.length - 1,
        ...(opts.width ? { width: opts.width, ellipsis: true } : {}),
      };
      if (i === 0) doc.text(run.text, x, y, o);
      else doc.text(run.text, o);
    });
  };
  const when = (ms: number | null) =>
    ms === null ? '—' : formatLocalIso(ms, options.timeZone).replace('T', ' ');

  // Header
  write(`Carrier manifest — ${options.carrierName}`, MARGIN, MARGIN, 18, { bold: true });
  write(`Manifest ${manifest.id}`, MARGIN, MARGIN + 28, 10);
  write(`Pickup date ${manifest.date} · Station ${manifest.stationId}`, MARGIN, MARGIN + 42, 10);
  write(
    `Status ${manifest.status} · Opened ${when(manifest.openedAt)} by ${manifest.openedBy}`,
    MARGIN,
    MARGIN + 56,
    10,
  );
  const pattern = encodeBarcode('code128', manifest.id, 'manifestId');
  if (pattern.type === 'linear') {
    const module = 1;
    let x = MARGIN;
    pattern.widths.forEach((w, i) => {
      if (i % 2 === 0) doc.rect(x, MARGIN + 72, w * module, 36);
      x += w * module;
    });
    doc.fill('black');
  }

  const columns = [
    { title: '#', x: MARGIN, width: 26 },
    { title: 'Tracking number', x: MARGIN + 28, width: 150 },
    { title: 'Order', x: MARGIN + 182, width: 140 },
    { title: 'Weight (kg)', x: MARGIN + 326, width: 70 },
    { title: 'COD', x: MARGIN + 400, width: 115 },
  ];
  let y = MARGIN + 124;
  const tableHeader = () => {
    for (const c of columns) write(c.title, c.x, y, 9, { bold: true, width: c.width });
    y += ROW;
    doc
      .moveTo(MARGIN, y - 3)
      .lineTo(A4[0] - MARGIN, y - 3)
      .lineWidth(0.5)
      .stroke();
  };
  const room = (needed: number) => {
    if (y + needed > A4[1] - MARGIN) {
      doc.addPage({ size: A4, margin: MARGIN });
      y = MARGIN;
      return false;
    }
    return true;
  };
  tableHeader();
  manifest.parcels.forEach((p, i) => {
    if (!room(ROW)) tableHeader();
    const cells = [
      String(i + 1),
      p.trackingNumber,
      p.orderRef ?? '',
      kilograms(p.weightGrams),
      p.cod ? `${formatMoney(p.cod)} ${p.cod.currency}` : '',
    ];
    cells.forEach((text, k) => {
      const c = columns[k];
      if (c) write(text, c.x, y, 9, { width: c.width });
    });
    y += ROW;
  });

  // Totals and sign-off
  const t = manifest.totals;
  const lines = [
    `Parcels: ${String(t.parcels)}`,
    `Total weight: ${kilograms(t.weightGrams)} kg`,
    `COD parcels: ${String(t.codParcels)}`,
    ...t.cod.map((c) => `COD total ${c.currency}: ${formatMoney(c)}`),
    `Missing parcels: ${String(manifest.missing.length)}${manifest.missing.length > 0 ? ` — ${manifest.missing.join(', ')}` : ''}`,
  ];
  room(ROW * (lines.length + 6));
  y += ROW;
  for (const line of lines) {
    write(line, MARGIN, y, 11, { bold: line.startsWith('Parcels') || line.startsWith('COD total') });
    y += ROW;
  }
  y += ROW;
  write(`Driver: ${manifest.driverName ?? ''}`, MARGIN, y, 11, { bold: true });
  write(`Vehicle: ${manifest.vehicle ?? ''}`, MARGIN + 300, y, 11);
  y += ROW * 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + 220, y)
    .lineWidth(0.7)
    .stroke();
  write(`Closed ${when(manifest.closedAt)} by ${manifest.closedBy ?? '—'}`, MARGIN + 300, y - 12, 9);
  write('Driver signature', MARGIN, y + 4, 8);
  doc.end();
  return done;
}
