import { describe, expect, it } from 'vitest';
import { mayRetry, repeatable } from '../../../src/shared/call-retry';
import { contract } from '../../../src/shared/contract';
import type { AppErrorShape } from '../../../src/shared/errors';

const restarting = (maybeApplied: boolean): AppErrorShape => ({
  code: 'CORE_RESTARTING',
  params: { call: 'x', maybeApplied, phase: 'restarting', attempt: 1 },
});

describe('whether a call whose answer was lost may be sent again', () => {
  it('always, when it never reached the core', () => {
    expect(mayRetry({ effect: 'write' }, {}, restarting(false))).toBe(true);
    expect(
      mayRetry({}, {}, { code: 'TRANSPORT_FAILED', params: { reason: 'overloaded', maybeApplied: false } }),
    ).toBe(true);
  });

  it('when it may have been applied: reads and idempotent calls yes, plain writes no', () => {
    expect(mayRetry({ effect: 'read' }, {}, restarting(true))).toBe(true);
    expect(mayRetry({ effect: 'idempotent' }, {}, restarting(true))).toBe(true);
    expect(mayRetry({ effect: 'write' }, {}, restarting(true))).toBe(false);
    // A failure without the flag (the HTTP client's) counts as maybe applied.
    expect(mayRetry({}, {}, { code: 'TRANSPORT_FAILED', params: { call: 'x' } })).toBe(false);
  });

  it('a write carrying its client-made id is repeated: the handler recognises the second one', () => {
    const spec = { effect: 'write' as const, idempotencyKey: 'clientScanId' };
    expect(mayRetry(spec, { code: 'TH1', clientScanId: '01H…' }, restarting(true))).toBe(true);
    expect(mayRetry(spec, { code: 'TH1' }, restarting(true))).toBe(false);
    expect(mayRetry(spec, { code: 'TH1', clientScanId: '' }, restarting(true))).toBe(false);
    expect(repeatable(spec, null)).toBe(false);
  });

  it('never for the core’s own answers, a timeout, or a core that stopped for good', () => {
    expect(mayRetry({ effect: 'read' }, {}, { code: 'DB_LOCKED', params: {} })).toBe(false);
    expect(mayRetry({ effect: 'read' }, {}, { code: 'VALIDATION_FAILED', params: {} })).toBe(false);
    expect(
      mayRetry(
        { effect: 'read' },
        {},
        { code: 'TRANSPORT_FAILED', params: { reason: 'timeout', maybeApplied: true } },
      ),
    ).toBe(false);
    expect(
      mayRetry(
        { effect: 'read' },
        {},
        { code: 'TRANSPORT_FAILED', params: { reason: 'core_stopped', maybeApplied: false } },
      ),
    ).toBe(false);
  });

  it('the contract marks the calls that change nothing as reads; a scan without a client-made id is never repeated', () => {
    const reads = Object.entries(contract)
      .filter(([, spec]) => (spec as { effect?: string }).effect === 'read')
      .map(([name]) => name)
      .sort();
    expect(reads).toEqual([
      'checkPrinter',
      'getActivity',
      'getRouteStatus',
      'getSession',
      'getSettings',
      'getSyncOverview',
      'labelExampleData',
      'listAccounts',
      'listDeadLetters',
      'listLabelTemplates',
      'listPrintJobs',
      'listPrinters',
      'listQueue',
      'listRoutes',
      'listSyncReports',
      'listUsers',
      'manifestList',
      'packCombinable',
      'packCutoffExceptions',
      'packCutoffTable',
      'packDockCarriers',
      'packQueue',
      'packScaleReading',
      'packShiftSummary',
      'packState',
      'previewLabel',
      'previewPrintJob',
      'printerStatuses',
      'qcCommandSheet',
      'qcGetPhoto',
      'qcListBins',
      'qcSearch',
      'qcState',
      'recentScans',
      'testConnection',
    ]);
    expect(repeatable(contract.recordScan, { code: 'TH1', source: 'scanner' })).toBe(false);
  });

  it('a scan the screen sent with its own id is repeated after a lost answer, since recordScan de-duplicates on it', () => {
    expect(
      mayRetry(
        contract.recordScan,
        { code: 'TH1', source: 'scanner', clientScanId: 'scan-0001' },
        restarting(true),
      ),
    ).toBe(true);
  });

  it('a QC bench scan or key is repeated after a lost answer, since the bench journal answers its action id once', () => {
    const id = { clientActionId: 'qc-000000000001' };
    expect(mayRetry(contract.qcScan, { code: 'TH1', source: 'scanner', ...id }, restarting(true))).toBe(true);
    expect(mayRetry(contract.qcAct, { action: { kind: 'confirm' }, ...id }, restarting(true))).toBe(true);
  });

  it('every idempotency key names a field of its call’s input', () => {
    for (const [name, spec] of Object.entries(contract)) {
      const key = (spec as { idempotencyKey?: string }).idempotencyKey;
      if (key === undefined) continue;
      const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape;
      expect(shape && key in shape, `${name}.${key}`).toBe(true);
    }
  });
});
