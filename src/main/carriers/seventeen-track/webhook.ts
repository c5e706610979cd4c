import { z } from 'zod';
import { DeliveryError } from '../../sync/destination';
import { WebhookRejected, type ConnectorState, type WebhookReceiver } from '../connector';
import { firstDelivery, header, parseWebhookJson, requireSignature, sha256Hex } from '../webhook-checks';
import { trackingNumberProblem, type StatusMapper } from '../tracking-events';
import { trackInfoSchema } from './client';
import type { SeventeenTrackConfig } from './config';
import { SEVENTEEN_TRACK_KIND, trackInfoEvents } from './events';

/**
 * 17TRACK pushes {event, data} with event TRACKING_UPDATED (data.track_info as in gettrackinfo) or
 * TRACKING_STOPPED. The `sign` header is the lower-case hex SHA-256 of the raw body, a "/", and the
 * security key (community-sourced: integrations in the wild compute it so; the v2.2 page that would
 * say it was not reachable). A push has no id of its own, so the raw body's hash de-duplicates.
 */
const pushSchema = z.object({
  event: z.string().min(1).max(64),
  data: z.object({
    number: z.string(),
    carrier: z.number().int().nullable().optional(),
    track_info: trackInfoSchema.nullable().optional(),
  }),
});

export function seventeenTrackWebhooks(args: {
  config: SeventeenTrackConfig;
  state: ConnectorState;
  mapper: StatusMapper;
  timeZone: string;
}): WebhookReceiver {
  const carrierOf = (key: number | null | undefined): string => {
    if (key === null || key === undefined) return '17track';
    const ours = Object.entries(args.config.carrierKeys).find(([, k]) => k === key)?.[0];
    return ours ?? `17track-${key.toString()}`;
  };
  return {
    receive(headers, rawBody) {
      requireSignature(sha256Hex(`${rawBody}/${args.config.apiKey}`), header(headers, 'sign'), 'sign');
      const parsed = pushSchema.safeParse(parseWebhookJson(rawBody, '17TRACK push'));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WebhookRejected(
          'malformed',
          `17TRACK push: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? ''}`,
        );
      }
      const push = parsed.data;
      const problem = trackingNumberProblem(push.data.number);
      if (problem) throw new WebhookRejected('malformed', `17TRACK push: ${problem}`);
      let tracking;
      try {
        args.mapper.nextPage();
        tracking =
          push.event === 'TRACKING_UPDATED'
            ? trackInfoEvents({
                trackInfo: push.data.track_info ?? null,
                trackingNumber: push.data.number,
                carrier: carrierOf(push.data.carrier),
                timeZone: args.timeZone,
                mapper: args.mapper,
              })
            : [];
      } catch (err) {
        if (err instanceof DeliveryError) throw new WebhookRejected('malformed', err.message);
        throw err;
      }
      const id = sha256Hex(rawBody);
      const duplicate = !firstDelivery(args.state, SEVENTEEN_TRACK_KIND, id);
      return { duplicate, notification: { id, type: push.event, tracking, raw: push } };
    },
  };
}
