import { createHash } from 'node:crypto';
import { outboxPayloadSchemas, type OutboxPayload } from '../../../shared/outbox-events';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import {
  DeliveryError,
  type DeliveryOutcome,
  type Destination,
  type DestinationLimits,
  type OutboundEvent,
} from '../../sync/destination';
import type { BlobReader, ConnectorState } from '../connector';
import { TikTokApiError } from './api-errors';
import type { TikTokShopClient } from './client';
import type { TikTokShopConfig } from './config';

/**
 * The warehouse's receipt decision on a returned package, delivered to TikTok Shop
 * (`return.receipt_decided` outbox events), one event per request chain:
 *
 *   1. decision eligibility (202601): is APPROVE_/REJECT_RECEIVED_PACKAGE open for this return now?
 *      Not eligible → a rejected outcome naming the platform's code and reason (dead letter);
 *   2. for a rejection, the reason must be a `name` of the return's reject-reasons list;
 *   3. for a rejection, each evidence photo is uploaded (bytes by hash from the station's blobs),
 *      and an upload already answered for that hash is reused, never repeated;
 *   4. approve / reject with the outbox idempotency key as `idempotency_key`.
 *
 * Before step 4 the connector notes that the decision went out. A retry after an unknown fate
 * (timeout, reset, lost answer) skips the checks — the return's status has moved if the platform
 * applied it, and the eligibility check would then refuse our own decision — and resends with
 * the same key, which the platform applies once. Should the platform refuse that resend, the
 * return's current status says whether our decision is the one that stands.
 */
export interface ReceiptDecisionsOptions {
  name: string;
  client: TikTokShopClient;
  config: TikTokShopConfig;
  state: ConnectorState;
  blobs: BlobReader | undefined;
  clock: Clock;
  logger: Logger;
}

type Decision = 'APPROVE_RECEIVED_PACKAGE' | 'REJECT_RECEIVED_PACKAGE';
type ReceiptPayload = OutboxPayload<'return.receipt_decided'>;

const DECISION_WORDS: Record<Decision, string> = {
  APPROVE_RECEIVED_PACKAGE: 'approve the received package',
  REJECT_RECEIVED_PACKAGE: 'reject the received package',
};

/** Platform statuses that mean the decision stands (the return moved on because of it). */
const DECIDED_STATUSES: Record<Decision, readonly string[]> = {
  APPROVE_RECEIVED_PACKAGE: ['RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE'],
  REJECT_RECEIVED_PACKAGE: ['REJECT_RECEIVE_PACKAGE'],
};

const MAX_IDEMPOTENCY_KEY = 255;

/**
 * The engine budgets deliveries; a decision is several platform requests (eligibility, reasons,
 * a photo or two, the decision), so the account's request rate is shared out at this many each.
 */
export const REQUESTS_PER_DECISION = 4;

interface UploadedImage {
  uri: string;
  width: number;
  height: number;
}

export class TikTokReceiptDecisions implements Destination {
  readonly name: string;
  readonly limits: DestinationLimits;

  constructor(private readonly options: ReceiptDecisionsOptions) {
    this.name = options.name;
    const { limits } = options.config;
    this.limits = {
      requestsPerSecond: limits.requestsPerSecond / REQUESTS_PER_DECISION,
      burst: Math.max(1, Math.floor(limits.burst / REQUESTS_PER_DECISION)),
      maxConcurrency: limits.maxConcurrency,
      maxBatchSize: 1,
      requestTimeoutMs: limits.requestTimeoutMs,
    };
  }

  async deliver(events: readonly OutboundEvent[], signal: AbortSignal): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    for (const [i, event] of events.entries()) {
      try {
        outcomes.push(await this.deliverOne(event, signal));
      } catch (err) {
        // The engine handles a whole-request failure (auth refresh, backoff) for the first event;
        // any later one of a larger batch is told to come again.
        if (i === 0 || !(err instanceof DeliveryError)) throw err;
        for (const rest of events.slice(i)) {
          outcomes.push({
            id: rest.id,
            status: 'retry',
            kind: err.kind,
            reason: err.message,
            ...(err.details.retryAfterMs !== undefined ? { retryAfterMs: err.details.retryAfterMs } : {}),
          });
        }
        break;
      }
    }
    return outcomes;
  }

  async refreshCredentials(signal: AbortSignal): Promise<void> {
    await this.options.client.tokens.refresh(signal);
  }

  private async deliverOne(event: OutboundEvent, signal: AbortSignal): Promise<DeliveryOutcome> {
    const rejected = (reason: string): DeliveryOutcome => ({ id: event.id, status: 'rejected', reason });
    // The QC bench tells the platform a package arrived before it decides on it (same ordering key).
    // TikTok Shop has no call for that: the decision itself says the package was received. So the
    // receipt is acknowledged here, and never holds the decision behind it as a dead letter.
    if (event.type === 'return.received') return { id: event.id, status: 'delivered' };
    if (event.type !== 'return.receipt_decided') {
      return rejected(`TikTok Shop takes receipt decisions only; a ${event.type} event does not belong here`);
    }
    const parsed = outboxPayloadSchemas['return.receipt_decided'].safeParse(event.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejected(
        `the stored decision does not fit its schema (${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid'})`,
      );
    }
    const payload = parsed.data;
    const key = event.idempotencyKey;
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) {
      return rejected(
        `the idempotency key must be 1–${String(MAX_IDEMPOTENCY_KEY)} characters for TikTok Shop`,
      );
    }
    const decision: Decision =
      payload.decision === 'approve' ? 'APPROVE_RECEIVED_PACKAGE' : 'REJECT_RECEIVED_PACKAGE';
    const returnId = payload.platformReturnId;
    const sentKey = `decision-sent:${key}`;
    const alreadySent = this.options.state.get(sentKey) !== undefined;
    const { client } = this.options;

    if (!alreadySent) {
      const refusal = await this.checkEligible(returnId, decision, signal);
      if (refusal !== null) return rejected(refusal);
      if (decision === 'REJECT_RECEIVED_PACKAGE') {
        const reasonRefusal = await this.checkRejectReason(returnId, payload.rejectReason, signal);
        if (reasonRefusal !== null) return rejected(reasonRefusal);
      }
    }

    let body: Record<string, unknown>;
    if (decision === 'APPROVE_RECEIVED_PACKAGE') {
      body = { decision };
    } else {
      const images: Array<{ image_id: string; mime_type: string; width: number; height: number }> = [];
      for (const image of payload.images) {
        const uploaded = await this.upload(image, signal);
        if (typeof uploaded === 'string') return rejected(uploaded);
        images.push({
          image_id: uploaded.uri,
          mime_type: image.mimeType,
          width: uploaded.width,
          height: uploaded.height,
        });
      }
      body = {
        decision,
        reject_reason: payload.rejectReason,
        ...(payload.comment !== null ? { comment: payload.comment } : {}),
        ...(images.length > 0 ? { images } : {}),
      };
    }

    this.options.state.set(sentKey, JSON.stringify({ at: this.options.clock.now(), returnId, decision }));
    try {
      if (decision === 'APPROVE_RECEIVED_PACKAGE') await client.approveReturn(returnId, body, key, signal);
      else await client.rejectReturn(returnId, body, key, signal);
    } catch (err) {
      if (!(err instanceof TikTokApiError) || err.kind !== 'rejected') throw err;
      if (alreadySent && (await this.decisionStands(returnId, decision, signal))) {
        return { id: event.id, status: 'delivered' };
      }
      return rejected(
        `TikTok Shop refused to ${DECISION_WORDS[decision]} of return ${returnId}: ${
          err.platformMessage || 'no reason given'
        } (code ${String(err.platformCode)}${err.requestId ? `, request ${err.requestId}` : ''})`,
      );
    }
    return { id: event.id, status: 'delivered' };
  }

  /** Null when the platform takes the decision now; else the sentence a supervisor reads. */
  private async checkEligible(
    returnId: string,
    decision: Decision,
    signal: AbortSignal,
  ): Promise<string | null> {
    let answer;
    try {
      answer = await this.options.client.decisionEligibility(returnId, signal);
    } catch (err) {
      if (err instanceof TikTokApiError && err.kind === 'rejected') {
        return `TikTok Shop would not say whether return ${returnId} takes a decision: ${
          err.platformMessage || 'no reason given'
        } (code ${String(err.platformCode)})`;
      }
      throw err;
    }
    const entry = answer.decisions.find((d) => d.decision === decision);
    if (!entry) {
      const offered = answer.decisions.filter((d) => d.eligible).map((d) => d.decision);
      return `TikTok Shop does not offer to ${DECISION_WORDS[decision]} for return ${returnId} now${
        offered.length > 0 ? ` (it offers: ${offered.join(', ')})` : ''
      }`;
    }
    if (entry.eligible) return null;
    return `TikTok Shop does not accept "${DECISION_WORDS[decision]}" for return ${returnId} now: ${
      entry.ineligible_reason || 'the return is not in a state that takes this decision'
    } (code ${entry.ineligible_code !== null && entry.ineligible_code !== undefined ? String(entry.ineligible_code) : 'none'})`;
  }

  private async checkRejectReason(
    returnId: string,
    reason: string | null,
    signal: AbortSignal,
  ): Promise<string | null> {
    if (reason === null || reason === '') {
      return `a rejection of return ${returnId} needs a reason from TikTok Shop's reject-reasons list`;
    }
    const { reasons } = await this.options.client.rejectReasons(returnId, signal);
    if (reasons.some((r) => r.name === reason)) return null;
    const offered = reasons.map((r) => (r.text ? `${r.name} (${r.text})` : r.name)).join('; ');
    return `reject reason "${reason}" is not one TikTok Shop offers for return ${returnId}${
      offered ? `; it offers: ${offered}` : '; it offers none'
    }`;
  }

  /** The uploaded image for this photo (reused when its hash was uploaded before), or why not. */
  private async upload(
    image: ReceiptPayload['images'][number],
    signal: AbortSignal,
  ): Promise<UploadedImage | string> {
    const { state, blobs, client } = this.options;
    const stateKey = `image:${image.sha256}`;
    const known = state.get(stateKey);
    if (known !== undefined) {
      try {
        return JSON.parse(known) as UploadedImage;
      } catch {
        // unreadable record: upload again
      }
    }
    if (!blobs) return `photo ${image.sha256.slice(0, 12)} cannot be sent: this connector has no photo store`;
    let bytes: Uint8Array;
    try {
      bytes = await blobs.read(image.sha256);
    } catch (err) {
      return `photo ${image.sha256.slice(0, 12)} cannot be read on this station (${
        err instanceof Error ? err.message : String(err)
      })`;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== image.sha256) {
      return `photo ${image.sha256.slice(0, 12)} on this station is damaged (its content does not match its hash)`;
    }
    const extension = image.mimeType.slice('image/'.length).replace('jpeg', 'jpg');
    const answer = await client.uploadImage(
      { bytes, mimeType: image.mimeType, fileName: `${image.sha256.slice(0, 16)}.${extension}` },
      signal,
    );
    const uploaded: UploadedImage = {
      uri: answer.uri,
      width: answer.width ?? image.width,
      height: answer.height ?? image.height,
    };
    state.set(stateKey, JSON.stringify(uploaded));
    return uploaded;
  }

  private async decisionStands(returnId: string, decision: Decision, signal: AbortSignal): Promise<boolean> {
    const page = await this.options.client.searchReturns(
      {
        pageSize: 10,
        pageToken: null,
        sortField: 'update_time',
        sortOrder: 'ASC',
        filters: { return_ids: [returnId] },
      },
      signal,
    );
    const current = page.return_orders?.find((r) => r.return_id === returnId);
    return current !== undefined && DECIDED_STATUSES[decision].includes(current.return_status);
  }
}
