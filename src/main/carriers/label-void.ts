import { outboxPayloadSchemas, type OutboxPayload } from '../../shared/outbox-events';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Destination, DeliveryOutcome, DestinationLimits, OutboundEvent } from '../sync/destination';
import type { ConnectorState } from './connector';
import { EVENT_RECORD_TTL_MS, handoverAcknowledgement } from './handover-acknowledgement';

export type LabelVoided = OutboxPayload<'package.label_voided'>;

/**
 * What a carrier answered to the cancel of a booking we made. `gone`: the carrier has no such
 * order, or it is cancelled already — the label is void either way, so a resend after a lost
 * answer is delivered, not refused. `refused`: the carrier keeps the order (a driver has it), in
 * its own words. Transport, credential, 429 and 5xx failures are thrown as DeliveryErrors.
 */
export type VoidAnswer =
  { kind: 'cancelled' } | { kind: 'gone'; why: string } | { kind: 'refused'; reason: string };

export interface LabelVoidCall {
  /** `sentBefore`: a cancel for this very event left earlier (its answer may have been lost). */
  cancel(voided: LabelVoided, sentBefore: boolean, signal: AbortSignal): Promise<VoidAnswer>;
}

export function voidSentKey(idempotencyKey: string): string {
  return `label-void-sent:${idempotencyKey}`;
}

/**
 * The destination of a Ninja Van or J&T account: `package.handed_over` is acknowledged without a
 * call (neither API has a handover call; the driver's pickup scan is the carrier's record), and
 * `package.label_voided` — a rebooked parcel's old label — is cancelled at the carrier with its
 * real cancel call, because an unused booking left active gets a pickup attempt and, for COD,
 * money expected. A cancel the carrier refuses (the parcel is picked up already) is a rejected
 * outcome carrying the carrier's reason, so it reaches the dead letters a supervisor sees.
 */
export function carrierLineDestination(options: {
  name: string;
  carrierName: string;
  limits: DestinationLimits;
  state: ConnectorState;
  clock: Clock;
  logger: Logger;
  voids: LabelVoidCall;
}): Destination {
  const handovers = handoverAcknowledgement(options);
  const voidOne = async (event: OutboundEvent, signal: AbortSignal): Promise<DeliveryOutcome> => {
    const parsed = outboxPayloadSchemas['package.label_voided'].safeParse(event.payload);
    if (!parsed.success) {
      return {
        id: event.id,
        status: 'rejected',
        reason: `${options.carrierName}: a package.label_voided event without a readable payload (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      };
    }
    const voided = parsed.data;
    // Recorded before the call: if its answer is lost, the resend knows a cancel may have landed.
    const sentBefore = !options.state.remember(voidSentKey(event.idempotencyKey), EVENT_RECORD_TTL_MS);
    const answer = await options.voids.cancel(voided, sentBefore, signal);
    const log = { destination: options.name, event: event.id, trackingNumber: voided.trackingNumber };
    if (answer.kind === 'refused') {
      options.logger.warn('label void refused by the carrier', { ...log, reason: answer.reason });
      return {
        id: event.id,
        status: 'rejected',
        reason: `${options.carrierName} did not cancel ${voided.trackingNumber}: ${answer.reason}`,
      };
    }
    options.logger.info('label voided at the carrier', {
      ...log,
      result: answer.kind,
      ...(answer.kind === 'gone' ? { why: answer.why } : {}),
    });
    return { id: event.id, status: 'delivered' };
  };
  return {
    name: options.name,
    limits: options.limits,
    async deliver(events, signal) {
      // A failed cancel throws for the whole request; both accounts' limits cap batches at one
      // event, so that request is this event alone.
      const outcomes: DeliveryOutcome[] = [];
      for (const event of events) {
        if (event.type === 'package.label_voided') outcomes.push(await voidOne(event, signal));
        else outcomes.push(...(await handovers.deliver([event], signal)));
      }
      return outcomes;
    },
  };
}
