import type { scanCalls } from '../../shared/calls/scans';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function scanHandlers(core: Services): HandlersFor<typeof scanCalls> {
  return {
    recordScan: (input, ctx) => core.scans.record(input, ctx.user),
    recentScans: ({ limit }) => core.scans.recentScans(limit),
  };
}
