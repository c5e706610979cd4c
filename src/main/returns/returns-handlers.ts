import type { returnsCalls } from '../../shared/calls/returns';
import { AppError } from '../../shared/errors';
import { MAX_PHOTO_BYTES } from '../../shared/returns/qc-codes';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';
import { writeTransaction } from '../db/write';
import { ActionJournal } from './action-journal';
import { feedback } from './qc-context';
import { supervisionOf } from './qc-supervision-handlers';
import { analyseRules } from '../../shared/returns/rule-analysis';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function returnsHandlers(core: Services): HandlersFor<typeof returnsCalls> {
  const { qc } = core;
  const journal = new ActionJournal(core.db);

  return {
    qcState: () => qc.station.state(),
    qcScan: (input, ctx) => qc.station.scan(input, ctx),
    qcAct: (input, ctx) => qc.station.act(input, ctx),
    qcSearch: ({ query }) => qc.lookup.searchText(query),
    qcUploadPhoto: async ({ dataBase64 }, ctx) => {
      // The decoded size decides; the encoded string's limit only stops absurd bodies early.
      const decodedBytes = Math.floor((dataBase64.length * 3) / 4);
      if (decodedBytes > MAX_PHOTO_BYTES + 2) {
        throw new AppError('PHOTO_TOO_LARGE', { bytes: decodedBytes, max: MAX_PHOTO_BYTES });
      }
      if (!BASE64.test(dataBase64)) throw new AppError('PHOTO_NOT_IMAGE', { reason: 'not_base64' });
      return qc.photos.put(new Uint8Array(Buffer.from(dataBase64, 'base64')), ctx.user.id);
    },
    qcGetPhoto: async ({ sha256 }) => {
      const ref = qc.photos.get(sha256);
      if (!ref) throw new AppError('PHOTO_NOT_FOUND', { sha256 });
      const bytes = await qc.photos.read(sha256);
      return { ...ref, dataBase64: Buffer.from(bytes).toString('base64') };
    },
    qcCommandSheet: async ({ title, labels }) => {
      const { bytes } = await core.printing.renderer.render(
        'qc-command-sheet',
        { title, station: core.settings.value('stationName').slice(0, 40), labels },
        { format: 'pdf', dpi: 300 },
      );
      return { pdfBase64: bytes.toString('base64') };
    },
    qcListBins: () => qc.bins.list(),
    qcListApprovals: ({ status }) => qc.approvals.listApprovals(status),
    qcDecideApproval: async (input, ctx) => {
      const known = journal.replay(input.clientActionId);
      if (known) return qc.approvals.get(input.approvalId);
      // The dispatcher let the call through for a signed-in supervisor or a valid step-up `authorization`.
      const approver = ctx.approver;
      if (!approver) throw new AppError('FORBIDDEN', { required: 'supervisor', role: ctx.user.role });
      return writeTransaction(core.db, () => {
        if (journal.replay(input.clientActionId)) return qc.approvals.get(input.approvalId);
        const view = qc.approvals.decide(input.approvalId, input.decision, approver, input.note ?? null);
        core.audit.record({
          userId: approver.id,
          action: `qc.destroy_${input.decision === 'approve' ? 'approved' : 'rejected'}`,
          entityType: 'qc_approval',
          entityId: input.approvalId,
          details: {
            unit: view.unitId,
            requestedBy: view.requestedBy.id,
            operator: ctx.user.id,
            note: input.note ?? null,
          },
        });
        journal.record(
          {
            id: input.clientActionId,
            ord: core.newId(),
            kind: 'approval',
            user: approver.id,
            station: core.stationId,
            at: core.clock.now(),
          },
          {
            feedback: feedback('ok', 'approved', { approvalId: input.approvalId }),
            receiptId: null,
            target: input.approvalId,
          },
        );
        return view;
      });
    },
    // With their resolutions (the supervisor's exceptions list, qc-supervision-handlers.ts).
    qcListExceptions: ({ status }) => supervisionOf(core).exceptions.list(status),
    qcListRules: () => qc.rules.current(),
    qcSaveRules: ({ rules, note, basedOn }, ctx) =>
      writeTransaction(core.db, () => {
        const current = qc.rules.current().version;
        if (basedOn !== undefined && basedOn !== current) {
          throw new AppError('QC_RULES_CHANGED', { basedOn, current });
        }
        const version = qc.rules.save(rules, note ?? null, ctx.user.id);
        const { warnings } = analyseRules(rules);
        core.audit.record({
          userId: ctx.user.id,
          action: 'qc.rules_saved',
          entityType: 'qc_rule_set',
          entityId: String(version),
          details: { rules: rules.length, note: note ?? null, replaces: current, warnings: warnings.length },
        });
        return { version, warnings };
      }),
  };
}
