import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { WebhookRejected, type ConnectorState, type WebhookReceiver } from '../connector';
import { trackingNumberProblem, type StatusMapper } from '../tracking-events';
import { firstDelivery, header, parseWebhookJson, requireSignature, sha256Hex } from '../webhook-checks';
import { ninjaVanEventSchema } from './client';
import { NINJA_VAN_KIND, NinjaVanShapeError, ninjaVanTrackingEvent } from './events';

/**
 * Ninja Van webhooks: one event per push, {tracking_id, event?, status, timestamp, …}. The
 * X-Ninjavan-Hmac-Sha256 header is the base64 HMAC-SHA256 of the raw body keyed with the client
 * secret (community-sourced), compared in constant time. Pushes carry no id of their own (v1 had
 * `id`, used when present), so (tracking_id, event, status, timestamp) de-duplicates.
 */
const pushSchema = ninjaVanEventSchema.extend({
  tracking_id: z.string(),
  id: z.string().optional(),
  shipper_order_ref_no: z.string().nullable().optional(),
});

export function ninjaVanWebhooks(args: {
  clientSecret: string;
  carrier: string;
  state: ConnectorState;
  mapper: StatusMapper;
  timeZone: string;
}): WebhookReceiver {
  return {
    receive(headers, rawBody) {
      const expected = createHmac('sha256', args.clientSecret).update(rawBody, 'utf8').digest('base64');
      requireSignature(expected, header(headers, 'x-ninjavan-hmac-sha256'), 'X-Ninjavan-Hmac-Sha256');
      const parsed = pushSchema.safeParse(parseWebhookJson(rawBody, 'Ninja Van webhook'));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WebhookRejected(
          'malformed',
          `Ninja Van webhook: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? ''}`,
        );
      }
      const push = parsed.data;
      const problem = trackingNumberProblem(push.tracking_id);
      if (problem) throw new WebhookRejected('malformed', `Ninja Van webhook: ${problem}`);
      let event;
      try {
        args.mapper.nextPage();
        event = ninjaVanTrackingEvent({
          event: push,
          trackingNumber: push.tracking_id,
          carrier: args.carrier,
          timeZone: args.timeZone,
          mapper: args.mapper,
        });
      } catch (err) {
        if (err instanceof NinjaVanShapeError) throw new WebhookRejected('malformed', err.message);
        throw err;
      }
      const id =
        push.id ??
        sha256Hex([push.tracking_id, push.event ?? '', push.status, push.timestamp].join('\u0000'));
      const duplicate = !firstDelivery(args.state, NINJA_VAN_KIND, id);
      return {
        duplicate,
        notification: { id, type: push.event ?? push.status, tracking: [event], raw: push },
      };
    },
  };
}
