import type { packingCalls } from '../../shared/calls/packing';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';
import { importErpCsv } from './erp-import';

export function packingHandlers(core: Services): HandlersFor<typeof packingCalls> {
  const { station, dock, cutoffs } = core.packing;
  return {
    packQueue: ({ limit }) => station.queue(limit),
    packState: () => station.state(),
    packScaleReading: () => {
      // A change made by the CLI in another process is picked up while the screen watches.
      core.packing.scale.refresh();
      return core.packing.scale.live();
    },
    packScaleCommand: ({ command }) => core.packing.scale.command(command),
    packOpen: (input, ctx) => station.open(input, ctx.user),
    packScanItem: (input, ctx) => station.scanItem(input, ctx.user),
    packWeigh: (input, ctx) => station.weigh(input, ctx.user),
    packRoute: (input, ctx) => station.route(input, ctx.user),
    packComplete: (input, ctx) => station.complete(input, ctx.user),
    packPhoto: (input, ctx) => station.photo(input, ctx.user),
    packSplit: (input, ctx) => station.split(input, ctx.user),
    packCombinable: () => station.combinable(),
    packCombine: (input, ctx) => station.combine(input, ctx.user),
    packUncombine: (input, ctx) => station.uncombine(input, ctx.user),
    packRelease: (input, ctx) => station.release(input, ctx.user),
    manifestList: ({ status }) => dock.list(status),
    packDockCarriers: () => dock.waitingCarriers(),
    manifestOpen: (input, ctx) => dock.open(input, ctx.user),
    manifestScan: (input, ctx) => dock.scan(input, ctx.user),
    manifestClose: (input, ctx) => dock.close(input, ctx.user),
    packCutoffExceptions: () => cutoffs.exceptions(),
    // At a clerk's screen the supervisor who gave their PIN is the one who decided.
    packCutoffResolve: (input, ctx) => cutoffs.resolve(input, ctx.approver ?? ctx.user),
    packCutoffTable: () => cutoffs.table(),
    packCutoffSet: (input, ctx) => cutoffs.setRow(input, ctx.approver ?? ctx.user),
    packShiftSummary: ({ scope }, ctx) => station.shiftSummary(scope, ctx.user),
    packImportOrders: ({ csv, seller, partial }) =>
      importErpCsv(core.db, core.packing.orders, new TextEncoder().encode(csv), {
        seller,
        timeZone: core.packing.timeZone,
        ...(partial ? { partial } : {}),
      }),
    packSkuClassesImport: ({ csv }, ctx) =>
      core.packing.skuClasses.importCsv(new TextEncoder().encode(csv), ctx.approver ?? ctx.user),
  };
}
