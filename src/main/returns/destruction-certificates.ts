import path from 'node:path';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { canonicalJson } from '../audit/canonical-json';
import {
  CERTIFICATE_FORMAT,
  certificateContentSchema,
  certificateFileName,
  type CertificateContent,
  type CertificateItem,
} from '../../shared/returns/destruction-certificate';
import type { ApprovalItem, CertificateFile, CertificateRef } from '../../shared/returns/supervision-views';
import { writeTransaction } from '../db/write';
import { batchTotals } from './batch-totals';
import { CertificateFiles, sha256Hex } from './certificate-files';
import { CertificateFonts } from './certificate-fonts';
import { renderCertificatePdf } from './certificate-pdf';
import { thumbnailPng } from './photo-thumbnails';
import { isoTime, type People, type SupervisionDeps } from './supervision-context';

export const CERTIFICATE_FOLDER = 'certificates';

export interface CertificateRow {
  id: string;
  batch_id: string;
  sha256: string;
  content: string;
  pdf_sha256: string | null;
  pdf_bytes: number | null;
  issued_by: string;
  issued_at: number;
  station_id: string;
}

/** Thumbnails are drawn at twice the size they print (64 × 48 pt), for a sharp print. */
const THUMBNAIL_BOX = { width: 128, height: 96 };

/**
 * Destruction certificates. A batch's certificate is issued in two steps: when the batch closes,
 * its content (every unit, photo hash, who decided, who approved, when, which station, totals) is
 * stored with its SHA-256 in the closing transaction; then the PDF is drawn from that content,
 * written to the data folder under its own hash, and the file's hash recorded. A crash between
 * the two leaves a closed batch whose PDF is drawn at the next request, from the same content.
 */
export class DestructionCertificates {
  readonly files: CertificateFiles;
  private readonly fonts = new CertificateFonts();
  private readonly byBatch;
  private readonly insert;
  private readonly setFile;
  private readonly certify;
  private readonly issuing = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly people: People,
  ) {
    const { db } = deps;
    this.files = new CertificateFiles(path.join(deps.dataDir, CERTIFICATE_FOLDER));
    this.byBatch = db.prepare<[string], CertificateRow>(
      'SELECT * FROM destruction_certificates WHERE batch_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO destruction_certificates (id, batch_id, sha256, content, issued_by, issued_at, station_id)
       VALUES (@id, @batch, @sha256, @content, @by, @at, @station)`,
    );
    this.setFile = db.prepare(
      'UPDATE destruction_certificates SET pdf_sha256 = ?, pdf_bytes = ? WHERE id = ? AND pdf_sha256 IS NULL',
    );
    this.certify = db.prepare(
      `UPDATE destruction_batches SET status = 'certified' WHERE id = ? AND status = 'closed'`,
    );
  }

  row(batchId: string): CertificateRow | undefined {
    return this.byBatch.get(batchId);
  }

  ref(row: CertificateRow): CertificateRef {
    return {
      id: row.id,
      sha256: row.sha256,
      pdfSha256: row.pdf_sha256,
      bytes: row.pdf_bytes,
      issuedBy: this.people.user(row.issued_by),
      issuedAt: row.issued_at,
      fileName: certificateFileName(row.id),
    };
  }

  /** The content of a batch closing now; pure, from the batch's approved units. */
  content(args: {
    certificateId: string;
    batch: { id: string; opened_by: string; opened_at: number };
    batchNumber: string;
    items: readonly ApprovalItem[];
    closedBy: UserView;
    operator: UserView;
    closedAt: number;
    note: string | null;
  }): CertificateContent {
    const { deps, people } = this;
    const person = (u: UserView): { id: string; name: string } => ({ id: u.id, name: u.name });
    const items: CertificateItem[] = args.items.map((item, i) => {
      if (!item.grade || !item.reason || !item.scrapReason || !item.decidedBy || item.decidedAt === null) {
        throw new AppError('INTERNAL', {
          reason: 'destroy without grade, reason, scrap reason or approval',
          id: item.id,
        });
      }
      return {
        line: i + 1,
        licensePlate: item.licensePlate,
        returnOrderId: item.returnOrderId,
        platformReturnId: item.platformReturnId,
        orderId: item.orderId,
        sku: item.sku,
        name: item.name,
        serial: item.serial,
        category: item.category,
        grade: item.grade,
        reason: item.reason,
        scrapReason: item.scrapReason,
        unitPrice: item.unitPrice,
        decisionId: item.decisionId,
        decidedBy: person(item.requestedBy),
        decidedAt: isoTime(item.requestedAt),
        decidedAtStation: item.station.id,
        approvalId: item.id,
        approvedBy: person(item.decidedBy),
        approvedAt: isoTime(item.decidedAt),
        approvedVia: item.decidedVia ?? 'queue',
        photos: item.photos.map((p) => ({
          sha256: p.sha256,
          mimeType: p.mimeType,
          width: p.width,
          height: p.height,
          purpose: p.purpose,
        })),
      };
    });
    const content: CertificateContent = {
      format: CERTIFICATE_FORMAT,
      certificateId: args.certificateId,
      batchId: args.batch.id,
      batchNumber: args.batchNumber,
      station: { id: deps.stationId, name: deps.stationName() },
      openedAt: isoTime(args.batch.opened_at),
      openedBy: person(people.user(args.batch.opened_by)),
      closedBy: person(args.closedBy),
      closedAt: isoTime(args.closedAt),
      closedAtSessionOf: args.operator.id === args.closedBy.id ? null : person(args.operator),
      note: args.note,
      items,
      totals: batchTotals(args.items),
    };
    // The content is checked against the published format before it is hashed and stored.
    return certificateContentSchema.parse(content);
  }

  /** In the closing transaction: stores the content and its hash. */
  record(content: CertificateContent, issuedBy: UserView, at: number): { sha256: string } {
    const json = canonicalJson(content);
    const sha256 = sha256Hex(json);
    this.insert.run({
      id: content.certificateId,
      batch: content.batchId,
      sha256,
      content: json,
      by: issuedBy.id,
      at,
      station: this.deps.stationId,
    });
    return { sha256 };
  }

  /** Draws and stores the PDF of a closed batch, once (concurrent callers share the work). */
  issue(batchId: string): Promise<void> {
    let running = this.issuing.get(batchId);
    if (!running) {
      running = this.draw(batchId).finally(() => this.issuing.delete(batchId));
      this.issuing.set(batchId, running);
    }
    return running;
  }

  /** The issued PDF, for the screen to offer as a download (drawn first if the file is not written yet). */
  async file(batchId: string): Promise<CertificateFile> {
    let row = this.row(batchId);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'certificate', id: batchId });
    if (!row.pdf_sha256) {
      await this.issue(batchId);
      row = this.row(batchId) as CertificateRow;
    }
    const bytes = row.pdf_sha256 ? await this.files.read(row.pdf_sha256) : null;
    if (!bytes) throw new AppError('QC_CERTIFICATE_FILE_MISSING', { certificateId: row.id, batchId });
    return {
      ...this.ref(row),
      batchId,
      mimeType: 'application/pdf',
      dataBase64: bytes.toString('base64'),
    };
  }

  /** The PDF of stored content; the same content and photos give the same bytes. */
  async render(content: CertificateContent, sha256: string): Promise<Buffer> {
    const thumbnails = new Map<string, Buffer>();
    for (const photo of content.items.flatMap((i) => i.photos)) {
      if (thumbnails.has(photo.sha256)) continue;
      let bytes: Uint8Array;
      try {
        bytes = await this.deps.qc.photos.read(photo.sha256);
      } catch {
        continue; // a photo file gone from the folder: its hash is still printed
      }
      const png = thumbnailPng(bytes, photo.mimeType, photo, THUMBNAIL_BOX);
      if (png) thumbnails.set(photo.sha256, png);
    }
    return renderCertificatePdf({ content, sha256, thumbnails }, this.fonts);
  }

  private async draw(batchId: string): Promise<void> {
    const row = this.row(batchId);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'certificate', id: batchId });
    if (row.pdf_sha256) return;
    const content = certificateContentSchema.parse(JSON.parse(row.content));
    const pdf = await this.render(content, row.sha256);
    const pdfSha256 = await this.files.put(pdf);
    const { db, audit } = this.deps;
    await writeTransaction(db, () => {
      if (this.setFile.run(pdfSha256, pdf.length, row.id).changes !== 1) return;
      this.certify.run(batchId);
      audit.record({
        userId: row.issued_by,
        action: 'qc.certificate_issued',
        entityType: 'destruction_batch',
        entityId: batchId,
        details: { certificate: row.id, sha256: row.sha256, pdfSha256, bytes: pdf.length },
      });
    });
  }
}
