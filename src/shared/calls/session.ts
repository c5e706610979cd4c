import { z } from 'zod';
import { call, idSchema, noInput } from '../call-spec';
import { userViewSchema } from '../domain';

export const sessionCalls = {
  getSession: call({
    input: noInput,
    output: z.object({ user: userViewSchema, stationName: z.string() }),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  listUsers: call({
    input: noInput,
    output: z.array(userViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  signIn: call({
    input: z.object({ userId: idSchema, pin: z.string().min(1).max(32) }).strict(),
    output: userViewSchema,
    errors: ['NOT_FOUND', 'BAD_PIN'],
    role: 'any',
    effect: 'idempotent',
  }),
  signOut: call({ input: noInput, output: userViewSchema, errors: [], role: 'any', effect: 'idempotent' }),
};
