import type { printingCalls } from '../../shared/calls/printing';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

/** The printing calls, a thin adapter to core.printing; the caller is the signed-in operator. */
export function printingHandlers(core: Services): HandlersFor<typeof printingCalls> {
  const p = core.printing;
  return {
    listLabelTemplates: () => p.listTemplates(),
    labelExampleData: ({ template }) => p.exampleData(template),
    listPrinters: () => p.listPrinters(),
    savePrinter: ({ profile }, ctx) => p.savePrinter(profile, ctx.user),
    deletePrinter: ({ printerId }, ctx) => p.deletePrinter(printerId, ctx.user),
    testPrint: ({ printerId }, ctx) => p.testPrint(printerId, ctx.user),
    checkPrinter: ({ printerId }) => p.checkStatus(printerId),
    printerStatuses: () => p.printerStatuses(),
    listPrintJobs: ({ printerId, statuses, limit }) =>
      p.listJobs({ limit, ...(printerId ? { printerId } : {}), ...(statuses ? { statuses } : {}) }),
    reprintJob: ({ jobId, reason, printerId }, ctx) => p.reprint(jobId, ctx.user, reason, printerId),
    previewLabel: ({ template, data, printerId }) => p.preview(template, data, printerId),
    previewPrintJob: ({ jobId }) => p.previewJob(jobId),
  };
}
