import { z } from 'zod';

/**
 * The fixed vocabularies of return QC, shared by the database CHECK constraints, the contract and the
 * screens. Texts for each value live in the renderer's locale files (qc.<list>.<value>).
 */

/** A like new · B opened · C damaged · D unusable. */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const DISPOSITIONS = ['restock', 'refurbish', 'destroy', 'return_to_seller'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Why an item came back, as the clerk confirms it (the buyer's reason is the default). */
export const QC_REASONS = [
  'buyer_remorse',
  'defective',
  'damaged_in_transit',
  'wrong_item',
  'missing_parts',
  'refused_at_delivery',
] as const;
export type QcReason = (typeof QC_REASONS)[number];

export const PARCEL_CONDITIONS = ['intact', 'damaged', 'opened', 'empty_box'] as const;
export type ParcelCondition = (typeof PARCEL_CONDITIONS)[number];

/** How a unit on the bench relates to what the return orders expected. */
export const UNIT_MATCHES = ['matched', 'wrong', 'extra', 'missing'] as const;
export type UnitMatch = (typeof UNIT_MATCHES)[number];

/** Our product categories: the checklists and the disposition rules key on these. */
export const QC_CATEGORIES = ['electronics', 'apparel', 'footwear', 'cosmetics', 'home', 'general'] as const;
export type QcCategory = (typeof QC_CATEGORIES)[number];

/** Mandatory on every destroy (OCA stock-logistics-workflow #2157: a scrap without a reason is untraceable). */
export const SCRAP_REASONS = [
  'broken_beyond_repair',
  'hygiene',
  'expired',
  'contaminated',
  'counterfeit',
  'repair_not_worth_it',
] as const;
export type ScrapReason = (typeof SCRAP_REASONS)[number];

/** Why a clerk chose another disposition than the rule table suggested. */
export const OVERRIDE_REASONS = [
  'damage_not_in_checklist',
  'better_than_graded',
  'seller_instruction',
  'supervisor_instruction',
  'rule_does_not_fit',
] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];

/** Our reasons to reject a received package; mapped to the platform's reason names when sent. */
export const REJECT_REASONS = ['not_item_sold', 'used_or_damaged', 'items_missing', 'empty_box'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const RECEIPT_DECISIONS = ['approve', 'reject'] as const;
export type ReceiptDecision = (typeof RECEIPT_DECISIONS)[number];

export const BIN_KINDS = ['stock', 'quarantine', 'refurbish', 'destroy', 'return_to_seller'] as const;
export type BinKind = (typeof BIN_KINDS)[number];

export const RECEIPT_KINDS = ['expected', 'unexpected'] as const;
export const RECEIPT_STATUSES = ['open', 'completed'] as const;

/**
 * Where a parcel on the bench stands. Kept in the database at every step, so a parcel left
 * half-done (crash, power cut, clerk called away) resumes exactly here.
 */
export const RECEIPT_STEPS = [
  'condition',
  'condition_photo',
  'items',
  'complete',
  'unexpected_photo',
  'unexpected_note',
  'unexpected_bin',
  'done',
] as const;
export type ReceiptStep = (typeof RECEIPT_STEPS)[number];

/** Where one unit stands, from its scan to its committed decision. */
export const UNIT_STEPS = [
  'serial',
  'checklist',
  'reason',
  'photos',
  'disposition',
  'override_reason',
  'bin',
  'scrap_reason',
  'evidence_photo',
  'approval',
  'decided',
] as const;
export type UnitStep = (typeof UNIT_STEPS)[number];

export const UNIT_STATUSES = ['active', 'voided'] as const;
export const DECISION_STATUSES = ['active', 'undone'] as const;
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const WORK_ORDER_STATUSES = ['open', 'done', 'cancelled'] as const;
export const BATCH_STATUSES = ['open', 'closed', 'certified'] as const;
export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;

export const PHOTO_PURPOSES = ['condition', 'item', 'evidence', 'unexpected'] as const;
export type PhotoPurpose = (typeof PHOTO_PURPOSES)[number];
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];

/**
 * The largest photo the station stores. A phone photo is 2–8 MB; a 200 MB "photo" is a video or a
 * mistake and is refused before a byte of it crosses the contract.
 */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

export const gradeSchema = z.enum(GRADES);
export const dispositionSchema = z.enum(DISPOSITIONS);
export const qcReasonSchema = z.enum(QC_REASONS);
export const parcelConditionSchema = z.enum(PARCEL_CONDITIONS);
export const qcCategorySchema = z.enum(QC_CATEGORIES);
export const scrapReasonSchema = z.enum(SCRAP_REASONS);
export const overrideReasonSchema = z.enum(OVERRIDE_REASONS);
export const rejectReasonSchema = z.enum(REJECT_REASONS);
export const receiptDecisionSchema = z.enum(RECEIPT_DECISIONS);
export const binKindSchema = z.enum(BIN_KINDS);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
export const photoMimeTypeSchema = z.enum(PHOTO_MIME_TYPES);

/** The buyer's reason as the platform or the demo gives it, read as one of ours when we can. */
export function qcReasonOf(text: string | null): QcReason | null {
  if (!text) return null;
  const t = text.toLowerCase();
  if ((QC_REASONS as readonly string[]).includes(t)) return t as QcReason;
  if (/wrong|not as described|different/.test(t)) return 'wrong_item';
  if (/missing|incomplete/.test(t)) return 'missing_parts';
  if (/transit|shipping|arrived damaged|broken in/.test(t)) return 'damaged_in_transit';
  if (/defect|not work|faulty|broken/.test(t)) return 'defective';
  if (/refus/.test(t)) return 'refused_at_delivery';
  if (/mind|no longer|size|remorse|unwanted/.test(t)) return 'buyer_remorse';
  return null;
}
