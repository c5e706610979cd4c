import { z } from 'zod';

/**
 * The supervisor's vocabularies: why a destroy was refused, what a refused destroy becomes, and
 * how an unexpected return is resolved. Shared by the database CHECKs, the contract and the
 * screens (texts under supervision.<list>.<value> in every language).
 */

/** Why a supervisor refuses to destroy a unit. */
export const DESTROY_REJECT_REASONS = [
  'repairable',
  'resellable',
  'evidence_insufficient',
  'wrong_grade',
  'seller_wants_it_back',
  'other',
] as const;
export type DestroyRejectReason = (typeof DESTROY_REJECT_REASONS)[number];

/** What a refused destroy becomes instead (chosen by the supervisor who refuses it). */
export const INSTEAD_OF_DESTROY = ['restock', 'refurbish', 'return_to_seller'] as const;
export type InsteadOfDestroy = (typeof INSTEAD_OF_DESTROY)[number];

/** How a supervisor closes an unexpected return held in quarantine. */
export const EXCEPTION_RESOLUTIONS = ['matched', 'disposed'] as const;
export type ExceptionResolution = (typeof EXCEPTION_RESOLUTIONS)[number];

/** What happens physically to an unexpected parcel nobody claims. */
export const EXCEPTION_DISPOSALS = ['return_to_sender', 'scrap', 'donate'] as const;
export type ExceptionDisposal = (typeof EXCEPTION_DISPOSALS)[number];

export const destroyRejectReasonSchema = z.enum(DESTROY_REJECT_REASONS);
export const insteadOfDestroySchema = z.enum(INSTEAD_OF_DESTROY);
export const exceptionResolutionSchema = z.enum(EXCEPTION_RESOLUTIONS);
export const exceptionDisposalSchema = z.enum(EXCEPTION_DISPOSALS);

/** A supervisor's note: optional on approvals, required where the reason alone says too little. */
export const supervisorNoteSchema = z.string().trim().max(500);
