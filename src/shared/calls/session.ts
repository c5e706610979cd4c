import { z } from 'zod';
import { call, idSchema, noInput } from '../call-spec';
import { userViewSchema } from '../domain';
import {
  authorizationSchema,
  badgeInputSchema,
  credentialsSchema,
  pinInputSchema,
  sessionViewSchema,
} from '../session-views';

/** What a failed proof of identity may answer, besides the call's own errors. */
export const CREDENTIAL_ERRORS = [
  'NOT_FOUND',
  'BAD_PIN',
  'SIGN_IN_LOCKED',
  'BADGE_INVALID',
  'BADGE_UNKNOWN',
  'PIN_CHANGE_REQUIRED',
] as const;

export const sessionCalls = {
  getSession: call({
    input: noInput,
    output: sessionViewSchema,
    errors: [],
    role: 'any',
    background: true,
    effect: 'read',
  }),
  listUsers: call({
    input: noInput,
    output: z.array(userViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /**
   * `{ userId, pin }` or `{ badge, pin }`. A user who must change their PIN is not signed in yet:
   * the answer names them in `pinChangeFor`, and `changePin` completes the sign-in.
   */
  signIn: call({
    input: credentialsSchema(),
    output: sessionViewSchema,
    errors: ['NOT_FOUND', 'BAD_PIN', 'SIGN_IN_LOCKED', 'BADGE_INVALID', 'BADGE_UNKNOWN'],
    role: 'any',
    effect: 'idempotent',
  }),
  signOut: call({
    input: noInput,
    output: sessionViewSchema,
    errors: [],
    role: 'any',
    effect: 'idempotent',
  }),
  /** Changes the PIN of whoever is signed in at this tab (or waits to be, after a forced change). */
  changePin: call({
    input: z.object({ currentPin: pinInputSchema, newPin: pinInputSchema }).strict(),
    output: sessionViewSchema,
    errors: ['NOT_SIGNED_IN', 'BAD_PIN', 'SIGN_IN_LOCKED', 'PIN_TOO_WEAK'],
    role: 'any',
  }),
  /** Sets another user's PIN; they must change it at their next sign-in. */
  resetPin: call({
    input: z
      .object({ userId: idSchema, newPin: pinInputSchema, authorization: authorizationSchema.optional() })
      .strict(),
    output: userViewSchema,
    errors: [...CREDENTIAL_ERRORS, 'FORBIDDEN', 'PIN_TOO_WEAK'],
    role: 'supervisor',
    stepUp: true,
  }),
  /** Gives a user a badge (`BADGE-…`, unique) or takes it away (null). */
  assignBadge: call({
    input: z
      .object({
        userId: idSchema,
        badge: badgeInputSchema.nullable(),
        authorization: authorizationSchema.optional(),
      })
      .strict(),
    output: userViewSchema,
    errors: [...CREDENTIAL_ERRORS, 'FORBIDDEN', 'BADGE_TAKEN'],
    role: 'supervisor',
    stepUp: true,
  }),
};
