import { z } from 'zod';
import { WebhookRejected, type ConnectorState, type WebhookReceiver } from '../connector';
import { trackingNumberProblem, type StatusMapper } from '../tracking-events';
import { firstDelivery, header, requireSignature, sha256Hex } from '../webhook-checks';
import { jntTraceSchema } from './client';
import type { JntExpressConfig } from './config';
import { JNT_KIND, JntShapeError, jntTrackingEvent } from './events';
import { jntDigest } from './signing';

/**
 * J&T tracking pushes: a form body whose `bizContent` is a JSON array of {billCode, details[]}
 * (the trace's shape), signed like requests (the digest header over bizContent and the private
 * key) and sent with our apiAccount. J&T expects {"code":"1","msg":"success","data":"SUCCESS"}
 * back (jntWebhookAck). A push has no id, so the hash of bizContent de-duplicates.
 */
export function jntWebhookAck(requestId: string): string {
  return JSON.stringify({ code: '1', msg: 'success', data: 'SUCCESS', requestId });
}

export function jntWebhooks(args: {
  config: JntExpressConfig;
  state: ConnectorState;
  mapper: StatusMapper;
  timeZone: string;
}): WebhookReceiver {
  return {
    receive(headers, rawBody) {
      const bizContent = new URLSearchParams(rawBody).get('bizContent');
      if (bizContent === null) throw new WebhookRejected('malformed', 'J&T push: no bizContent field');
      requireSignature(jntDigest(bizContent, args.config.privateKey), header(headers, 'digest'), 'digest');
      if (header(headers, 'apiAccount') !== args.config.apiAccount) {
        throw new WebhookRejected('bad_signature', 'J&T push: apiAccount is not this account');
      }
      let json: unknown;
      try {
        json = JSON.parse(bizContent);
      } catch {
        throw new WebhookRejected('malformed', 'J&T push: bizContent is not JSON');
      }
      const parsed = z.array(jntTraceSchema).min(1).safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WebhookRejected(
          'malformed',
          `J&T push: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? ''}`,
        );
      }
      args.mapper.nextPage();
      const tracking = [];
      for (const trace of parsed.data) {
        const problem = trackingNumberProblem(trace.billCode);
        if (problem) throw new WebhookRejected('malformed', `J&T push: ${problem}`);
        for (const detail of trace.details) {
          try {
            tracking.push(
              jntTrackingEvent({
                detail,
                billCode: trace.billCode,
                carrier: args.config.carrierCode,
                timeZone: args.timeZone,
                mapper: args.mapper,
              }),
            );
          } catch (err) {
            if (err instanceof JntShapeError) throw new WebhookRejected('malformed', err.message);
            throw err;
          }
        }
      }
      const id = sha256Hex(bizContent);
      const duplicate = !firstDelivery(args.state, JNT_KIND, id);
      return { duplicate, notification: { id, type: 'trace', tracking, raw: parsed.data } };
    },
  };
}
