import { call, noInput } from '../call-spec';
import { settingsSchema } from '../domain';
import { authorizationSchema } from '../session-views';
import { CREDENTIAL_ERRORS } from './session';

export const settingsCalls = {
  getSettings: call({ input: noInput, output: settingsSchema, errors: [], role: 'any', effect: 'read' }),
  /**
   * Open to every role for the bench settings (settings-access.ts); a change of any supervisor
   * setting needs a supervisor signed in or an `authorization`, and is audited with old and new value.
   */
  updateSettings: call({
    input: settingsSchema.partial().extend({ authorization: authorizationSchema.optional() }).strict(),
    output: settingsSchema,
    errors: [...CREDENTIAL_ERRORS, 'FORBIDDEN'],
    role: 'any',
    stepUp: true,
    effect: 'idempotent',
  }),
};
