import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { WebhookRejected, type ConnectorState, type WebhookReceiver } from '../connector';
import { trackingNumberProblem, type StatusMapper } from '../tracking-events';
import { firstDelivery, header, parseWebhookJson, requireSignature } from '../webhook-checks';
import { trackingSchema } from './client';
import { AFTERSHIP_KIND, AfterShipShapeError, trackingEvents } from './events';

/**
 * AfterShip webhooks: {event, event_id, msg: tracking, ts}. The `aftership-hmac-sha256` header is
 * the base64 HMAC-SHA256 of the raw body keyed with the organisation's webhook secret (official),
 * compared in constant time; event_id de-duplicates.
 */
const pushSchema = z.object({
  event: z.string().min(1).max(64),
  event_id: z.string().min(1).max(128),
  msg: trackingSchema,
  ts: z.number().int().optional(),
});

export function afterShipWebhooks(args: {
  webhookSecret: string | undefined;
  state: ConnectorState;
  mapper: StatusMapper;
  timeZone: string;
  carrierOf: (slug: string | null | undefined) => string;
}): WebhookReceiver {
  return {
    receive(headers, rawBody) {
      if (args.webhookSecret === undefined) {
        throw new WebhookRejected('bad_signature', 'no AfterShip webhook secret is configured');
      }
      const expected = createHmac('sha256', args.webhookSecret).update(rawBody, 'utf8').digest('base64');
      requireSignature(expected, header(headers, 'aftership-hmac-sha256'), 'aftership-hmac-sha256');
      const parsed = pushSchema.safeParse(parseWebhookJson(rawBody, 'AfterShip webhook'));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WebhookRejected(
          'malformed',
          `AfterShip webhook: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? ''}`,
        );
      }
      const push = parsed.data;
      const problem = trackingNumberProblem(push.msg.tracking_number);
      if (problem) throw new WebhookRejected('malformed', `AfterShip webhook: ${problem}`);
      let tracking;
      try {
        args.mapper.nextPage();
        tracking = trackingEvents({
          tracking: push.msg,
          carrierOf: args.carrierOf,
          timeZone: args.timeZone,
          mapper: args.mapper,
        });
      } catch (err) {
        if (err instanceof AfterShipShapeError) throw new WebhookRejected('malformed', err.message);
        throw err;
      }
      const duplicate = !firstDelivery(args.state, AFTERSHIP_KIND, push.event_id);
      return { duplicate, notification: { id: push.event_id, type: push.event, tracking, raw: push } };
    },
  };
}
