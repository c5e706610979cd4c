import type { qcSupervisionCalls } from '../../shared/calls/qc-supervision';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { QcFeedback } from '../../shared/returns/qc-views';
import type { CallContext, HandlersFor } from '../api/dispatch';
import type { Services } from '../core';
import { writeTransaction } from '../db/write';
import { ActionJournal } from './action-journal';
import { feedback } from './qc-context';
import { createSupervision, type Supervision } from './supervision';
import { isPrivileged, type LabelQueue } from './supervision-context';

/**
 * The print queue of the station's printing capability, as the supervisor's side uses it: its
 * labels (shift slip, cage label) wait for a printer when none is set up, like the bench's.
 */
function labelQueue(core: Services): LabelQueue {
  return {
    enqueue: (tx, job) => core.printing.enqueue(tx, { ...job, whenNoPrinter: 'wait' }),
    jobStatus: (jobId) => {
      try {
        const job = core.printing.getJob(jobId);
        return { status: job.status, printerId: job.printerId };
      } catch {
        return null;
      }
    },
  };
}

const built = new WeakMap<Services, Supervision>();

/** The station's supervision services, built once per core. */
export function supervisionOf(core: Services): Supervision {
  let s = built.get(core);
  if (!s) {
    s = buildSupervision(core);
    built.set(core, s);
  }
  return s;
}

function buildSupervision(core: Services): Supervision {
  return createSupervision({
    db: core.db,
    dataDir: core.dataDir,
    clock: core.clock,
    newId: core.newId,
    stationId: core.stationId,
    stationName: () => core.settings.value('stationName'),
    audit: core.audit,
    outbox: core.outbox,
    labels: labelQueue(core),
    qc: core.qc,
  });
}

/**
 * The supervisor's calls: a thin adapter from the contract to the supervision services. Who may
 * act is decided here: a signed-in supervisor, or a supervisor's badge/id and PIN given at
 * someone else's screen for this one call (verified, refusals audited, before any transaction).
 */
export function qcSupervisionHandlers(core: Services): HandlersFor<typeof qcSupervisionCalls> {
  const s = supervisionOf(core);
  const journal = new ActionJournal(core.db);
  // The dispatcher verified the step-up (these calls are role supervisor, stepUp): the approver is
  // the signed-in supervisor or whoever gave their badge/PIN for this one call.
  const approverOf = (ctx: CallContext): UserView => {
    if (ctx.approver) return ctx.approver;
    throw new AppError('FORBIDDEN', { required: 'supervisor', role: ctx.user.role });
  };

  /** Records a supervisor action under the screen's id, in the action's own transaction. */
  const journalled = (
    id: string,
    kind: string,
    user: UserView,
    target: string,
    params: QcFeedback['params'],
  ): void =>
    journal.record(
      { id, ord: core.newId(), kind, user: user.id, station: core.stationId, at: core.clock.now() },
      { feedback: feedback('ok', 'approved', params), receiptId: null, target },
    );

  return {
    qcApprovalQueue: ({ status }) => s.approvals.list(status),

    qcDecideApprovals: async (input, ctx) => {
      const replayed = journal.replay(input.clientActionId);
      if (replayed) return replayDecisions(s, replayed);
      const approver = approverOf(ctx);
      return writeTransaction(core.db, () => {
        const again = journal.replay(input.clientActionId);
        if (again) return replayDecisions(s, again);
        const result = s.approvals.decide(input, approver, ctx.user);
        journalled(input.clientActionId, 'approvals', approver, input.approvalIds[0] as string, {
          decided: result.decided.map((d) => d.id).join(','),
        });
        return result;
      });
    },

    qcListBatches: () => s.batches.list(),
    qcGetBatch: ({ batchId }) => s.batches.detail(batchId),

    qcCloseBatch: async (input, ctx) => {
      if (journal.replay(input.clientActionId)) {
        // Closed already by this very request; its PDF may still be due after a crash.
        await s.certificates.issue(input.batchId).catch(() => {});
        return s.batches.detail(input.batchId);
      }
      const closedBy = approverOf(ctx);
      const note = input.note?.trim() ? input.note.trim() : null;
      // The journal row commits with the close: a retry of a request whose answer was lost finds it.
      const detail = await s.batches.close(input.batchId, note, closedBy, ctx.user, () =>
        journalled(input.clientActionId, 'close_batch', closedBy, input.batchId, { batchId: input.batchId }),
      );
      return detail;
    },

    qcPrintBatchLabel: ({ batchId, printerId }, ctx) => s.batches.printLabel(batchId, ctx.user, printerId),
    qcGetCertificate: ({ batchId }) => s.certificates.file(batchId),
    qcVerifyCertificate: ({ dataBase64 }) =>
      s.verifier.verify(new Uint8Array(Buffer.from(dataBase64, 'base64'))),

    qcMyShift: ({ from, to }, ctx) => s.shifts.of(ctx.user.id, from, to),
    qcShiftSummaries: ({ from, to }) => s.shifts.team(from, to),
    qcPrintShiftSummary: async (input, ctx) => {
      const clerkId = input.clerkId ?? ctx.user.id;
      if (clerkId !== ctx.user.id && !isPrivileged(ctx.user)) {
        throw new AppError('FORBIDDEN', { required: 'supervisor', role: ctx.user.role });
      }
      const summary = s.shifts.of(clerkId, input.from, input.to);
      return s.shifts.print(summary, input.texts, input.timeZone, ctx.user, input.printerId);
    },

    qcBrowseDecisions: (filter) => s.decisions.page(filter),
    qcDecisionTrail: ({ decisionId }) => s.decisions.trail(decisionId),

    qcResolveException: async (input, ctx) => {
      if (journal.replay(input.clientActionId)) return s.exceptions.get(input.exceptionId);
      const by = approverOf(ctx);
      return writeTransaction(core.db, () => {
        if (journal.replay(input.clientActionId)) return s.exceptions.get(input.exceptionId);
        const view = s.exceptions.resolveOne(input.exceptionId, input.resolution, by, ctx.user);
        journalled(input.clientActionId, 'resolve_exception', by, input.exceptionId, {
          exceptionId: input.exceptionId,
        });
        return view;
      });
    },

    qcRuleHistory: () => s.rules.versions(),
  };
}

function replayDecisions(s: Supervision, fb: QcFeedback) {
  const ids = String(fb.params.decided ?? '')
    .split(',')
    .filter(Boolean);
  return { decided: ids.map((id) => s.approvals.get(id)), skipped: [] };
}
