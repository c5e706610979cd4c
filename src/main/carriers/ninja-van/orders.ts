import { z } from 'zod';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import { httpFailure, jsonField, parseJsonAnswer } from '../http';
import { trackingNumberProblem } from '../tracking-events';
import type { NinjaVanClient } from './client';

/**
 * Creating a Ninja Van order (POST /{cc}/4.2/orders) for the packing station: the answer's tracking
 * number is what a LabelDocument (and the manifest) is keyed by. Ninja Van asks integrators to
 * resend on 5xx only, and never to resend a 4xx unchanged: a 4xx is 'rejected' with its reason, a
 * 5xx 'server'.
 *
 * Public API: createNinjaVanOrder(client, clock, order, carrier, signal) → CreatedOrder;
 * ninjaVanOrderSchema.
 */
const contact = z
  .object({
    name: z.string().min(1).max(255),
    phone_number: z.string().min(1).max(32),
    email: z.string().max(255).optional(),
    address: z.record(z.string(), z.unknown()),
  })
  .loose();

export const ninjaVanOrderSchema = z
  .object({
    service_type: z.enum(['Parcel', 'Return', 'Marketplace', 'Bulky', 'International']),
    service_level: z.enum(['Standard', 'Express', 'Sameday', 'Nextday']),
    /** Our own tracking number, when the account may choose it. */
    requested_tracking_number: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,18}$/)
      .optional(),
    reference: z
      .object({ merchant_order_number: z.string().max(255) })
      .loose()
      .optional(),
    from: contact,
    to: contact,
    parcel_job: z.record(z.string(), z.unknown()),
  })
  .loose();
export type NinjaVanOrder = z.infer<typeof ninjaVanOrderSchema>;

const createdSchema = z.object({
  tracking_number: z.string().min(1),
  requested_tracking_number: z.string().nullable().optional(),
  service_type: z.string().optional(),
  service_level: z.string().optional(),
});

export interface CreatedOrder {
  carrier: string;
  trackingNumber: string;
  requestedTrackingNumber: string | null;
  serviceType: string | null;
  serviceLevel: string | null;
}

export async function createNinjaVanOrder(
  client: NinjaVanClient,
  clock: Clock,
  order: NinjaVanOrder,
  carrier: string,
  signal: AbortSignal,
): Promise<CreatedOrder> {
  const what = 'Ninja Van create order';
  const input = ninjaVanOrderSchema.safeParse(order);
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new DeliveryError(
      'rejected',
      `${what}: ${issue?.path.map(String).join('.') || 'order'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const answer = await client.post('/4.2/orders', JSON.stringify(input.data), signal);
  const failed = httpFailure(
    answer,
    what,
    clock.now(),
    (body) => jsonField('error', 'message')(body) ?? jsonField('error', 'title')(body),
  );
  if (failed) throw failed;
  const created = parseJsonAnswer(createdSchema, answer.body, what);
  const problem = trackingNumberProblem(created.tracking_number);
  if (problem) throw new DeliveryError('malformed', `${what}: the answered ${problem}`);
  return {
    carrier,
    trackingNumber: created.tracking_number,
    requestedTrackingNumber: created.requested_tracking_number ?? null,
    serviceType: created.service_type ?? null,
    serviceLevel: created.service_level ?? null,
  };
}
