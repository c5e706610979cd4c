import type { stationCalls } from '../../shared/calls/station';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';
import { writeTransaction } from '../db/write';

export function stationHandlers(core: Services): HandlersFor<typeof stationCalls> {
  return {
    rotateStationToken: async (_input, ctx) => {
      const token = core.stationToken.rotate();
      await writeTransaction(core.db, () =>
        core.audit.record({
          userId: ctx.user.id,
          action: 'station.token_rotated',
          entityType: 'station',
          entityId: core.stationId,
          details: { approvedBy: ctx.approver?.id ?? null, via: 'app', clientId: ctx.clientId },
        }),
      );
      return { token };
    },
  };
}
