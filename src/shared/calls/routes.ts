import { z } from 'zod';
import { call, noInput } from '../call-spec';
import { routeInputSchema, routeKeySchema, routeSchema, routeStatusSchema } from '../route-views';

/** Routes and backup lines: kept by a supervisor, shown to everyone on the Sync screen. */
export const routesCalls = {
  listRoutes: call({
    input: noInput,
    output: z.array(routeSchema),
    errors: [],
    role: 'supervisor',
    effect: 'read',
  }),
  /** Creates or replaces the route of (country, seller); the same input twice is the same route. */
  setRoute: call({
    input: routeInputSchema,
    output: routeSchema,
    errors: ['ROUTE_LINE_UNKNOWN', 'ROUTE_LINES_SAME'],
    role: 'supervisor',
    effect: 'idempotent',
  }),
  deleteRoute: call({
    input: routeKeySchema,
    output: z.object({ deleted: z.boolean() }),
    errors: [],
    role: 'supervisor',
    effect: 'idempotent',
  }),
  /** How long a primary line stays unreachable before new work goes to the backup, in minutes. */
  setFailoverAfter: call({
    input: z.strictObject({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    }),
    output: z.object({ failoverAfterMs: z.number().int() }),
    errors: [],
    role: 'supervisor',
    effect: 'idempotent',
  }),
  getRouteStatus: call({
    input: noInput,
    output: routeStatusSchema,
    errors: [],
    role: 'any',
    effect: 'read',
  }),
};
