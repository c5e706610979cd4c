import type { QcAction } from '../src/shared/calls/returns';
import { nextQuestion, type Answer } from '../src/shared/returns/checklists';
import type { QcResult } from '../src/shared/returns/qc-views';
import type { Core } from '../src/main/core';

/** A restock bin of the generated database (DEMO_BINS). */
export const RESTOCK_BIN = 'A-01-02';

/** The bench through the contract's dispatcher, as the Returns QC screen calls it. */
export class BenchCaller {
  private n = 0;

  constructor(
    private readonly core: Core,
    private readonly clientId = 'local',
    private readonly prefix = 'bench',
  ) {}

  scan(code: string): Promise<QcResult> {
    return this.call('qcScan', { code, source: 'scanner', clientActionId: this.nextId() });
  }

  act(action: QcAction): Promise<QcResult> {
    return this.call('qcAct', { action, clientActionId: this.nextId() });
  }

  private nextId(): string {
    return `${this.prefix}-${(++this.n).toString().padStart(8, '0')}`;
  }

  private async call(name: string, input: unknown): Promise<QcResult> {
    const env = await this.core.dispatch(name, input, { clientId: this.clientId });
    if (!env.ok)
      throw new Error(
        `${name} ${JSON.stringify(input)}: ${env.error.code} ${JSON.stringify(env.error.params)}`,
      );
    return env.value as QcResult;
  }
}

/**
 * Receives return order `returnOrderId` by its tracking number and takes its first item through
 * the checklist (every answer the good one, the buyer's remorse as reason, no photos) to the step
 * where scanning a bin commits its restock. Every step a clerk's key would be, each its own commit.
 */
export async function unitWaitingForBin(
  core: Core,
  b: BenchCaller,
  tracking: string,
  returnOrderId: string,
): Promise<void> {
  const received = await b.scan(tracking);
  if (received.feedback.kind !== 'received') {
    throw new Error(`scanning ${tracking} answered ${received.feedback.kind}, not received`);
  }
  await b.act({ kind: 'confirm' }); // intact
  const item = core.qc.store.items(returnOrderId)[0];
  if (!item?.barcode) throw new Error(`return ${returnOrderId} has no item with a barcode`);
  await b.scan(item.barcode);
  for (let guard = 0; guard < 20; guard++) {
    const receipt = core.qc.store.openReceipt(core.stationId);
    const unit = receipt ? core.qc.store.units(receipt.id).find((u) => u.step !== 'decided') : undefined;
    if (!unit) throw new Error(`no unit on the bench for ${returnOrderId}`);
    switch (unit.step) {
      case 'bin':
        return;
      case 'checklist': {
        const q = nextQuestion(unit.category, JSON.parse(unit.answers) as Record<string, Answer>);
        if (!q) throw new Error(`unit ${unit.id} at the checklist with every question answered`);
        await b.act({ kind: 'answer', answer: q.good });
        break;
      }
      case 'reason':
        // Not the buyer's: a "defective" valuable gadget would be suggested for refurbish instead.
        await b.act({ kind: 'reason', reason: 'buyer_remorse' });
        break;
      case 'serial':
      case 'photos':
      case 'disposition':
        await b.act({ kind: 'confirm' });
        break;
      default:
        throw new Error(`unit ${unit.id} of ${returnOrderId} went to ${unit.step}, not to the bin scan`);
    }
  }
  throw new Error(`unit of ${returnOrderId} never reached the bin scan`);
}

/** Closes the parcel: the items not scanned are missing, then Enter completes it. */
export async function finishParcel(b: BenchCaller): Promise<void> {
  await b.act({ kind: 'no_more_items' });
  const done = await b.act({ kind: 'confirm' });
  if (done.feedback.kind !== 'completed') throw new Error(`completing answered ${done.feedback.kind}`);
}
