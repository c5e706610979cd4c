import { z } from 'zod';
import {
  TestCarrierClient,
  type PulledReturnOrder,
  type PulledTrackingEvent,
} from '../carriers/test-carrier/client';
import type { Clock } from '../clock';
import { leaseProblem } from './delivery-lease';
import type { Destination, DestinationLimits, PullSource } from './destination';

/**
 * Configured destinations (settings or a CLI file) and how each becomes a Destination. This build
 * knows one kind, the local test carrier, and only lets it talk to this machine (127.0.0.1 or
 * localhost over http); real carrier kinds join this union in the carrier adapters issue.
 *
 * Public API: destinationConfigSchema, destinationsConfigSchema, buildDestination(config, { clock }),
 * DEFAULT_LIMITS.
 */
export const DEFAULT_LIMITS: DestinationLimits = {
  requestsPerSecond: 20,
  burst: 10,
  maxConcurrency: 4,
  maxBatchSize: 100,
  requestTimeoutMs: 15_000,
};

const limitsSchema = z.object({
  requestsPerSecond: z.number().positive().max(10_000).default(DEFAULT_LIMITS.requestsPerSecond),
  burst: z.number().int().min(1).max(10_000).default(DEFAULT_LIMITS.burst),
  maxConcurrency: z.number().int().min(1).max(64).default(DEFAULT_LIMITS.maxConcurrency),
  maxBatchSize: z.number().int().min(1).max(1_000).default(DEFAULT_LIMITS.maxBatchSize),
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(DEFAULT_LIMITS.requestTimeoutMs),
});

const loopbackUrl = z
  .string()
  .url()
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
    },
    { message: 'this build only talks to a carrier on this machine: http://127.0.0.1 or http://localhost' },
  );

export const destinationConfigSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash, underscore; at most 64'),
    kind: z.literal('test-carrier'),
    baseUrl: loopbackUrl,
    /** The carrier-side name, when it differs from the destination name. */
    remoteName: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .optional(),
    credentials: z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }),
    limits: limitsSchema.default(() => ({ ...DEFAULT_LIMITS })),
    pageSize: z.number().int().min(1).max(100).optional(),
  })
  // The delivery engine's own rule, here so a configuration it would refuse is never stored.
  .superRefine((config, ctx) => {
    const problem = leaseProblem(config.name, config.limits.requestTimeoutMs);
    if (problem) ctx.addIssue({ code: 'custom', path: ['limits', 'requestTimeoutMs'], message: problem });
  });
export type DestinationConfig = z.infer<typeof destinationConfigSchema>;
export type DestinationConfigInput = z.input<typeof destinationConfigSchema>;

export const destinationsConfigSchema = z
  .array(destinationConfigSchema)
  .refine((list) => new Set(list.map((d) => d.name)).size === list.length, {
    message: 'destination names must be unique',
  });

export interface BuiltDestination {
  destination: Destination;
  /** Pull feeds this destination offers, keyed 'returns' / 'tracking'. */
  pulls: { returns?: PullSource<PulledReturnOrder>; tracking?: PullSource<PulledTrackingEvent> };
  close(): void;
}

export function buildDestination(input: DestinationConfigInput, deps: { clock: Clock }): BuiltDestination {
  const config = destinationConfigSchema.parse(input);
  switch (config.kind) {
    case 'test-carrier': {
      const client = new TestCarrierClient({
        name: config.name,
        baseUrl: config.baseUrl,
        credentials: config.credentials,
        limits: config.limits,
        clock: deps.clock,
        ...(config.remoteName !== undefined ? { remoteName: config.remoteName } : {}),
        ...(config.pageSize !== undefined ? { pageSize: config.pageSize } : {}),
      });
      return {
        destination: client,
        pulls: { returns: client.returnsSource(), tracking: client.trackingSource() },
        close: () => client.close(),
      };
    }
  }
}
