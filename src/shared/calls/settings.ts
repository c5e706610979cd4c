import { call, noInput } from '../call-spec';
import { settingsSchema } from '../domain';

export const settingsCalls = {
  getSettings: call({ input: noInput, output: settingsSchema, errors: [], role: 'any', effect: 'read' }),
  updateSettings: call({
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
    errors: [],
    role: 'any',
    effect: 'idempotent',
  }),
};
