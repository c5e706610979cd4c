import { z } from 'zod';
import { call, idSchema } from '../call-spec';
import { OUTBOX_STATUSES, outboxEventViewSchema } from '../domain';
import { authorizationSchema } from '../session-views';
import { outboxCountsSchema } from '../sync-views';
import { CREDENTIAL_ERRORS } from './session';

export const outboxCalls = {
  listQueue: call({
    input: z
      .object({
        statuses: z.array(z.enum(OUTBOX_STATUSES)).min(1).max(OUTBOX_STATUSES.length),
        limit: z.number().int().min(1).max(500),
        offset: z.number().int().min(0).max(1_000_000),
      })
      .strict(),
    // counts: every status, for the filter buttons, in the same answer as the page.
    output: z.object({
      events: z.array(outboxEventViewSchema),
      total: z.number().int(),
      counts: outboxCountsSchema,
    }),
    errors: [],
    role: 'any',
    background: true,
    effect: 'read',
  }),
  listDeadLetters: call({
    input: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    output: z.array(outboxEventViewSchema),
    errors: [],
    role: 'any',
    background: true,
    effect: 'read',
  }),
  retryDeadLetter: call({
    input: z.object({ eventId: idSchema, authorization: authorizationSchema.optional() }).strict(),
    output: outboxEventViewSchema,
    errors: [...CREDENTIAL_ERRORS, 'OUTBOX_EVENT_NOT_DEAD', 'FORBIDDEN', 'SESSION_EXPIRED'],
    role: 'supervisor',
    stepUp: true,
  }),
  discardDeadLetter: call({
    input: z
      .object({
        eventId: idSchema,
        reason: z.string().trim().min(3).max(500),
        authorization: authorizationSchema.optional(),
      })
      .strict(),
    output: outboxEventViewSchema,
    errors: [...CREDENTIAL_ERRORS, 'OUTBOX_EVENT_NOT_DEAD', 'FORBIDDEN', 'SESSION_EXPIRED'],
    role: 'supervisor',
    stepUp: true,
  }),
};
