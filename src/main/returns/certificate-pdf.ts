import PDFDocument from 'pdfkit';
import type { Money } from '../../shared/platform-returns';
import type { CertificateContent, CertificateItem } from '../../shared/returns/destruction-certificate';
import { CERTIFICATE_FORMAT } from '../../shared/returns/destruction-certificate';
import { faceRuns, type CertificateFonts, type FaceName, type FontKey } from './certificate-fonts';

/**
 * The destruction certificate as a PDF (A4), drawn from its stored content alone: the same content
 * always gives the same bytes (fixed document dates and ids, thumbnails from the same photos), so
 * a certificate can be drawn again after a crash between closing the batch and writing the file.
 *
 * Every fact is real text in embedded fonts; the certificate's own SHA-256 is on the first page
 * and in every page's footer, and its id is in the document information (`LastmileCertificate`),
 * where verification finds which certificate a file claims to be.
 */
export interface CertificateDrawing {
  content: CertificateContent;
  sha256: string;
  /** PNG thumbnails by photo hash; a photo without one shows its hash only. */
  thumbnails: ReadonlyMap<string, Buffer>;
}

const MARGIN = 48;
const FOOTER = 36;
const PAGE = { width: 595.28, height: 841.89 };
const WIDTH = PAGE.width - 2 * MARGIN;
const THUMB = { width: 64, height: 48 };

const GRADE_NAMES: Record<string, string> = {
  A: 'A like new',
  B: 'B opened',
  C: 'C damaged',
  D: 'D unusable',
};
const words = (code: string): string => code.replace(/_/g, ' ');

export async function renderCertificatePdf(
  drawing: CertificateDrawing,
  fonts: CertificateFonts,
): Promise<Buffer> {
  const { content, sha256 } = drawing;
  const issued = new Date(content.closedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `Destruction certificate ${content.certificateId}`,
      Author: `LastMile Desk, station ${content.station.name}`,
      Subject: `Batch ${content.batchId}; content SHA-256 ${sha256}`,
      Creator: 'LastMile Desk',
      Producer: 'LastMile Desk',
      CreationDate: issued,
      ModDate: issued,
      LastmileCertificate: content.certificateId,
      LastmileContentSha256: sha256,
    } as PDFKit.DocumentInfo,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pen = new Pen(doc, fonts, needsCjk(content));

  pen.line('DESTRUCTION CERTIFICATE', { size: 20, bold: true });
  pen.line('Returned goods destroyed under supervision — LastMile Desk return QC', {
    size: 10,
    color: '#333333',
  });
  doc.moveDown(0.6);

  const closedSession = content.closedAtSessionOf;
  const facts: Array<[string, string]> = [
    ['Certificate', content.certificateId],
    ['Batch', `${content.batchNumber} (${content.batchId})`],
    ['Station', `${content.station.name} (station id ${content.station.id})`],
    ['Batch opened', `${utc(content.openedAt)} by ${who(content.openedBy)}`],
    ['Closed and approved', `${utc(content.closedAt)} by ${who(content.closedBy)}`],
    ...(closedSession ? [['At the screen of', who(closedSession)] as [string, string]] : []),
    ...(content.note ? [['Note', content.note] as [string, string]] : []),
  ];
  for (const [k, v] of facts) pen.field(k, v);
  doc.moveDown(0.5);

  const t = content.totals;
  pen.line('Totals', { size: 12, bold: true });
  pen.field('Units destroyed', String(t.units));
  pen.field('Photos', String(t.photos));
  pen.field('By scrap reason', counts(t.byScrapReason, words));
  pen.field(
    'By grade',
    counts(t.byGrade, (g) => GRADE_NAMES[g] ?? g),
  );
  pen.field('By category', counts(t.byCategory, words));
  pen.field('Value at return prices', t.value.length ? t.value.map(money).join('; ') : 'none recorded');
  if (t.unpriced > 0) pen.field('Units without a price', String(t.unpriced));
  doc.moveDown(0.5);

  const boxTop = doc.y;
  doc.x = MARGIN + 8;
  doc.y = boxTop + 8;
  pen.line('Certificate SHA-256', { size: 10, bold: true, width: WIDTH - 16 });
  pen.line(sha256, { size: 10.5, bold: true, width: WIDTH - 16 });
  pen.line(
    `SHA-256 of this certificate's content as canonical JSON (${CERTIFICATE_FORMAT}), stored by the station when it was issued. ` +
      'To verify a copy: lastmile certificate verify FILE --data DIR, or "Verify a certificate" on the Supervisor screen.',
    { size: 7.5, color: '#333333', width: WIDTH - 16 },
  );
  const boxBottom = doc.y + 6;
  doc
    .save()
    .lineWidth(1)
    .rect(MARGIN, boxTop, WIDTH, boxBottom - boxTop)
    .stroke()
    .restore();
  doc.x = MARGIN;
  doc.y = boxBottom + 12;

  pen.line(`Units (${content.items.length})`, { size: 12, bold: true });
  doc.moveDown(0.3);
  for (const item of content.items) drawItem(doc, pen, item, drawing.thumbnails);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    // Written inside the bottom margin: without this pdfkit would start a new page for the footer.
    doc.page.margins.bottom = 0;
    pen.line(
      `Certificate ${content.certificateId} · content SHA-256 ${sha256} · page ${i + 1} of ${pages.count}`,
      {
        size: 6.5,
        x: MARGIN,
        y: PAGE.height - MARGIN - 10,
        width: WIDTH,
        align: 'center',
        color: '#333333',
      },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function drawItem(
  doc: PDFKit.PDFDocument,
  pen: Pen,
  item: CertificateItem,
  thumbnails: ReadonlyMap<string, Buffer>,
): void {
  const needed = 86 + item.photos.length * (THUMB.height + 6);
  if (doc.y + Math.min(needed, 300) > PAGE.height - MARGIN - FOOTER) doc.addPage();
  const top = doc.y;
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor('#999999')
    .moveTo(MARGIN, top)
    .lineTo(MARGIN + WIDTH, top)
    .stroke()
    .restore();
  doc.y = top + 4;
  const ids = [
    `${item.line}. ${item.licensePlate}`,
    item.platformReturnId ? `return ${item.platformReturnId}` : 'no return order',
    ...(item.orderId ? [`order ${item.orderId}`] : []),
  ];
  pen.line(ids.join(' · '), { size: 10, bold: true });
  pen.line([item.sku ?? 'no SKU', item.name ?? ''].filter(Boolean).join(' — '), { size: 10 });
  pen.line(
    [
      `Serial: ${item.serial ?? 'none'}`,
      `Category: ${words(item.category)}`,
      `Grade: ${GRADE_NAMES[item.grade] ?? item.grade}`,
      `Reason: ${words(item.reason)}`,
      `Scrap reason: ${words(item.scrapReason)}`,
      `Value: ${item.unitPrice ? money(item.unitPrice) : 'none'}`,
    ].join('   '),
    { size: 8.5 },
  );
  pen.line(
    `Decided by ${who(item.decidedBy)} at ${utc(item.decidedAt)}, station ${item.decidedAtStation} (decision ${item.decisionId})`,
    { size: 8.5 },
  );
  pen.line(
    `Approved by ${who(item.approvedBy)} at ${utc(item.approvedAt)} ${item.approvedVia === 'station' ? 'at the bench' : 'in the approvals queue'} (approval ${item.approvalId})`,
    { size: 8.5 },
  );
  if (item.photos.length === 0) pen.line('Photos: none', { size: 8.5 });
  for (const photo of item.photos) {
    if (doc.y + THUMB.height + 4 > PAGE.height - MARGIN - FOOTER) doc.addPage();
    const y = doc.y + 2;
    const thumb = thumbnails.get(photo.sha256);
    if (thumb)
      doc.image(thumb, MARGIN, y, { fit: [THUMB.width, THUMB.height], align: 'center', valign: 'center' });
    else doc.save().lineWidth(0.5).rect(MARGIN, y, THUMB.width, THUMB.height).stroke().restore();
    const textX = MARGIN + THUMB.width + 8;
    pen.line(
      `${words(photo.purpose)} photo · ${photo.mimeType} · ${photo.width}×${photo.height}${thumb ? '' : ' · no preview'}`,
      {
        size: 8,
        x: textX,
        y: y + 6,
        width: WIDTH - THUMB.width - 8,
      },
    );
    pen.line(`SHA-256 ${photo.sha256}`, { size: 8, x: textX, width: WIDTH - THUMB.width - 8 });
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, y + THUMB.height) + 4;
  }
  doc.moveDown(0.5);
}

interface LineOptions {
  size: number;
  bold?: boolean;
  x?: number;
  y?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

/** Writes mixed-script text as runs, each in a face that has its letters. */
class Pen {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    fonts: CertificateFonts,
    withCjk: boolean,
  ) {
    const faces: FaceName[] = withCjk ? ['sans', 'thai', 'cjk'] : ['sans', 'thai'];
    for (const face of faces) {
      for (const key of [face, `${face}-bold`] as FontKey[]) doc.registerFont(key, fonts.get(key));
    }
    this.withCjk = withCjk;
    this.ascender = fonts.ascender();
  }

  private readonly withCjk: boolean;
  private readonly ascender: number;

  line(text: string, o: LineOptions): void {
    const { doc } = this;
    const runs = faceRuns(text).map((r) =>
      r.face === 'cjk' && !this.withCjk ? { ...r, face: 'sans' as const } : r,
    );
    if (runs.length === 0) return;
    doc.fillColor(o.color ?? '#000000').fontSize(o.size);
    runs.forEach((run, i) => {
      doc.font(o.bold ? `${run.face}-bold` : run.face);
      const options = {
        width: o.width ?? WIDTH - (o.x !== undefined ? o.x - MARGIN : 0),
        align: o.align ?? 'left',
        continued: i < runs.length - 1,
        lineGap: 1,
        // pdfkit reads a number as the baseline's offset below the line's top, negated.
        baseline: -((this.ascender / 1000) * o.size),
      };
      if (i === 0 && (o.x !== undefined || o.y !== undefined))
        doc.text(run.text, o.x ?? doc.x, o.y ?? doc.y, options);
      else doc.text(run.text, options);
    });
    doc.fillColor('#000000');
  }

  field(label: string, value: string): void {
    this.line(`${label}: ${value}`, { size: 9.5 });
  }
}

function needsCjk(content: CertificateContent): boolean {
  return faceRuns(JSON.stringify(content)).some((r) => r.face === 'cjk');
}

function who(p: { id: string; name: string }): string {
  return p.name === p.id ? p.name : `${p.name} (${p.id})`;
}

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function money(m: Money): string {
  return `${m.amount} ${m.currency}`;
}

function counts(record: Record<string, number>, name: (key: string) => string): string {
  const parts = Object.entries(record)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${name(k)} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}
