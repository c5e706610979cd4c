import type { packingCalls } from '../../shared/calls/packing';
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

// The contract is published first so the packing screen can be built against it; the flow behind
// these calls lands in src/main/packing next.
const notYet = (call: string) => (): never => {
  throw new AppError('INTERNAL', { reason: 'not_built', call });
};

export function packingHandlers(_core: Services): HandlersFor<typeof packingCalls> {
  return {
    packQueue: notYet('packQueue'),
    packState: notYet('packState'),
    packOpen: notYet('packOpen'),
    packScanItem: notYet('packScanItem'),
    packWeigh: notYet('packWeigh'),
    packRoute: notYet('packRoute'),
    packComplete: notYet('packComplete'),
    packSplit: notYet('packSplit'),
    packRelease: notYet('packRelease'),
    manifestList: notYet('manifestList'),
    manifestOpen: notYet('manifestOpen'),
    manifestScan: notYet('manifestScan'),
    manifestClose: notYet('manifestClose'),
    packCutoffExceptions: notYet('packCutoffExceptions'),
    packShiftSummary: notYet('packShiftSummary'),
  };
}
