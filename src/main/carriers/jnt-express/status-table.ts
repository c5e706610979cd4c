import type { StatusMapping } from '../../../shared/tracking';

/**
 * J&T Express (Malaysia open platform) scan type codes, `scanTypeCode` of a trace detail: 10, 20,
 * 30, 94, 100, 110, 172, 173 and 200 as the platform's FAQ lists them; 300–306 are its terminal
 * statuses, listed there as "Damaged / Lost / Disposed / Rejected / Customs / Expired / Crossborder
 * Disposal" and taken to be numbered in that order (community-sourced consolidation of the
 * official pages; not confirmed code by code). A problem scan (110) says why only in its text;
 * see reason-words.ts.
 */
export const JNT_STATUS_TABLE: Readonly<Record<string, StatusMapping>> = {
  '10': { status: 'picked_up' },
  '20': { status: 'in_transit' },
  '30': { status: 'in_transit' },
  '94': { status: 'out_for_delivery' },
  '100': { status: 'delivered' },
  '110': { status: 'exception', reason: 'other' },
  '172': { status: 'return_to_sender' },
  '173': { status: 'returned' },
  // "Collected": read as collected by the consignee at a J&T point (the FAQ gives no more).
  '200': { status: 'delivered' },
  '300': { status: 'exception', reason: 'damaged' },
  '301': { status: 'lost', reason: 'lost' },
  '302': { status: 'lost', reason: 'other' },
  '303': { status: 'exception', reason: 'refused' },
  '304': { status: 'exception', reason: 'customs' },
  '305': { status: 'expired' },
  '306': { status: 'lost', reason: 'customs' },
};
