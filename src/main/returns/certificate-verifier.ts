import type Database from 'better-sqlite3';
import { canonicalJson } from '../audit/canonical-json';
import {
  certificateContentSchema,
  type CertificateContent,
} from '../../shared/returns/destruction-certificate';
import { Plates } from './plates';
import type { CertificateVerification, VerificationOutcome } from '../../shared/returns/supervision-views';
import { sha256Hex } from './certificate-files';
import type { CertificateRow } from './destruction-certificates';

interface LiveItem {
  unit_id: number;
  decision_id: string;
  approval_id: string;
  status: string;
  disposition: string;
  grade: string;
  scrap_reason: string | null;
  sku: string | null;
  serial: string | null;
  approval_status: string;
  approved_by: string | null;
}

/**
 * Checks a certificate file against the station database that issued it. Valid means all of:
 * the bytes are exactly the issued file (its SHA-256 is recorded); the stored content still
 * hashes to the certificate's own SHA-256 (the one printed on it); and the batch in the database
 * still holds exactly the certified units with the same decisions, approvals and photos.
 *
 * Read-only, on a plain connection: `lastmile certificate verify` runs it on a station's folder
 * without starting anything, and the screen's call runs the same code.
 */
export class CertificateVerifier {
  private readonly byPdf;
  private readonly byId;
  private readonly batchItems;
  private readonly photos;

  private readonly plates: Plates;

  /** `stationId`: the station whose units the certificates name (its plates carry its code). */
  constructor(db: Database.Database, stationId: string) {
    this.plates = new Plates(stationId);
    this.byPdf = db.prepare<[string], CertificateRow>(
      'SELECT * FROM destruction_certificates WHERE pdf_sha256 = ?',
    );
    this.byId = db.prepare<[string], CertificateRow>('SELECT * FROM destruction_certificates WHERE id = ?');
    this.batchItems = db.prepare<[string], LiveItem>(
      `SELECT bi.unit_id, bi.decision_id, bi.approval_id, d.status, d.disposition, d.grade, d.scrap_reason,
              u.sku, u.serial, a.status AS approval_status, a.decided_by AS approved_by
       FROM destruction_batch_items bi
       JOIN qc_unit_decisions d ON d.id = bi.decision_id
       JOIN qc_units u ON u.id = bi.unit_id
       JOIN qc_approvals a ON a.id = bi.approval_id
       WHERE bi.batch_id = ? AND bi.removed_at IS NULL ORDER BY bi.added_at, bi.approval_id`,
    );
    this.photos = db.prepare<[string], { sha256: string }>(
      `SELECT sha256 FROM qc_photo_links WHERE entity_type = 'unit' AND entity_id = ? ORDER BY sha256`,
    );
  }

  verify(file: Uint8Array): CertificateVerification {
    const fileSha256 = sha256Hex(file);
    const base = {
      fileSha256,
      certificateId: null,
      batchId: null,
      sha256: null,
      recomputedSha256: null,
      issuedPdfSha256: null,
      issuedAt: null,
      stationId: null,
      differences: [] as string[],
    };
    if (!isPdf(file)) return { ...base, valid: false, outcome: 'not_pdf' };
    const issued = this.byPdf.get(fileSha256);
    const claimed = issued ?? this.claimedRow(file);
    if (!claimed) return { ...base, valid: false, outcome: 'unknown' };
    const recomputed = sha256Hex(claimed.content);
    const about = {
      ...base,
      certificateId: claimed.id,
      batchId: claimed.batch_id,
      sha256: claimed.sha256,
      recomputedSha256: recomputed,
      issuedPdfSha256: claimed.pdf_sha256,
      issuedAt: claimed.issued_at,
      stationId: claimed.station_id,
    };
    const verdict = (outcome: VerificationOutcome, differences: string[] = []): CertificateVerification => ({
      ...about,
      valid: outcome === 'valid',
      outcome,
      differences,
    });
    if (!issued) return verdict('file_altered');
    const parsed = certificateContentSchema.safeParse(safeJson(claimed.content));
    if (recomputed !== claimed.sha256 || !parsed.success || canonicalJson(parsed.data) !== claimed.content) {
      return verdict('record_altered');
    }
    const differences = this.differences(parsed.data, claimed.batch_id);
    return verdict(differences.length > 0 ? 'batch_changed' : 'valid', differences);
  }

  /** The certificate a file names in its document information, when it is one of ours. */
  private claimedRow(file: Uint8Array): CertificateRow | undefined {
    const text = Buffer.from(file).toString('latin1');
    const ref = /\/LastmileCertificate (\d+) 0 R/.exec(text);
    const literal = ref ? new RegExp(`\\n${ref[1]} 0 obj\\n\\((DC-[0-9A-Z]{1,40})\\)`).exec(text) : null;
    const id = literal?.[1] ?? /\((DC-[0-9A-Z]{26})\)/.exec(text)?.[1];
    return id ? this.byId.get(id) : undefined;
  }

  /** What in the database no longer matches the certified content. */
  private differences(content: CertificateContent, batchId: string): string[] {
    const out: string[] = [];
    const live = new Map(this.batchItems.all(batchId).map((r) => [r.decision_id, r]));
    for (const item of content.items) {
      const row = live.get(item.decisionId);
      live.delete(item.decisionId);
      if (!row) {
        out.push(`${item.licensePlate}: decision ${item.decisionId} is no longer in the batch`);
        continue;
      }
      const facts: Array<[string, unknown, unknown]> = [
        ['license plate', this.plates.of(row.unit_id), item.licensePlate],
        ['decision status', row.status, 'active'],
        ['disposition', row.disposition, 'destroy'],
        ['grade', row.grade, item.grade],
        ['scrap reason', row.scrap_reason, item.scrapReason],
        ['SKU', row.sku, item.sku],
        ['serial', row.serial, item.serial],
        ['approval', row.approval_id, item.approvalId],
        ['approval status', row.approval_status, 'approved'],
        ['approved by', row.approved_by, item.approvedBy.id],
      ];
      for (const [what, now, certified] of facts) {
        if (now !== certified)
          out.push(`${item.licensePlate}: ${what} is ${String(now)}, certified ${String(certified)}`);
      }
      const photos = this.photos.all(item.licensePlate).map((p) => p.sha256);
      const certified = [...new Set(item.photos.map((p) => p.sha256))].sort();
      if (photos.join(',') !== certified.join(','))
        out.push(`${item.licensePlate}: photos differ from the certified ones`);
    }
    for (const extra of live.values()) {
      out.push(
        `${this.plates.of(extra.unit_id)}: decision ${extra.decision_id} is in the batch but not on the certificate`,
      );
    }
    return out;
  }
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
