import type { Grade, ParcelCondition, QcReason, ReceiptDecision, RejectReason, UnitMatch } from './qc-codes';

export interface DecisionUnit {
  match: UnitMatch;
  grade: Grade | null;
  reason: QcReason | null;
}

/**
 * What the warehouse tells the platform about a received package (approve or reject), suggested
 * from what the bench found; the clerk confirms or changes it. The platform refunds the buyer on
 * approval, so a package is rejected when it is empty, lacks items, holds something else, or came
 * back used or damaged by a buyer who only changed their mind.
 */
export function suggestReceiptDecision(
  condition: ParcelCondition | null,
  units: readonly DecisionUnit[],
): { decision: ReceiptDecision; rejectReason: RejectReason | null } {
  const reject = (rejectReason: RejectReason) => ({ decision: 'reject' as const, rejectReason });
  if (condition === 'empty_box') return reject('empty_box');
  if (units.some((u) => u.match === 'wrong')) return reject('not_item_sold');
  if (units.some((u) => u.match === 'missing')) return reject('items_missing');
  const usedByBuyer = units.some(
    (u) => u.match !== 'extra' && (u.grade === 'C' || u.grade === 'D') && u.reason === 'buyer_remorse',
  );
  if (usedByBuyer) return reject('used_or_damaged');
  return { decision: 'approve', rejectReason: null };
}
