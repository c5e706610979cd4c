import { z } from 'zod';
import type { DestinationLimits } from '../sync/destination';
import { isTimeZone, MARKETS } from './carrier-time';

/**
 * Configuration fields the connectors share. Request budgets come from configuration: a connector
 * declares safe defaults (below any rate a carrier publishes or a community reports) and caps, never
 * a carrier's rate of its own invention.
 */

/** https anywhere; plain http only to this machine (the fakes, a local proxy). */
export function carrierBaseUrl(defaultUrl: string) {
  return z
    .string()
    .url()
    .refine(
      (value) => {
        if (!URL.canParse(value)) return false;
        const url = new URL(value);
        if (url.protocol === 'https:') return true;
        return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
      },
      { message: 'https, or http to 127.0.0.1 / localhost only' },
    )
    .default(defaultUrl)
    .transform((value) => value.replace(/\/+$/, ''));
}

export function limitsSchema(defaults: DestinationLimits, caps: { maxBatchSize: number }) {
  return z
    .object({
      requestsPerSecond: z.number().positive().max(1_000).default(defaults.requestsPerSecond),
      burst: z.number().int().min(1).max(1_000).default(defaults.burst),
      maxConcurrency: z.number().int().min(1).max(32).default(defaults.maxConcurrency),
      maxBatchSize: z.number().int().min(1).max(caps.maxBatchSize).default(defaults.maxBatchSize),
      requestTimeoutMs: z.number().int().min(100).max(300_000).default(defaults.requestTimeoutMs),
    })
    .default(() => ({ ...defaults }));
}

export const secret = z.string().min(1).max(1_024);

export const marketField = z.enum(MARKETS);

export const timeZoneField = z
  .string()
  .refine(isTimeZone, { message: 'an IANA time zone, e.g. Asia/Bangkok' });

/** Our carrier code, as parcels carry it. */
export const carrierCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _');

/** How long a 429's Retry-After is waited out inside one pull before the pull stops. */
export const maxThrottleWaitMs = z.number().int().min(0).max(60_000).default(5_000);

/**
 * The warehouse as the sender on a booking (the `from` of a carrier order). An account without
 * one tracks parcels but cannot book them.
 */
export const senderField = z.strictObject({
  name: z.string().min(1).max(120),
  phone: z.string().min(1).max(32),
  email: z.string().max(255).optional(),
  address1: z.string().min(1).max(200),
  address2: z.string().max(200).optional(),
  city: z.string().min(1).max(80),
  region: z.string().max(80).optional(),
  postcode: z.string().min(1).max(16),
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type Sender = z.infer<typeof senderField>;
