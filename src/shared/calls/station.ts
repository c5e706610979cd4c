import { z } from 'zod';
import { call } from '../call-spec';
import { authorizationSchema } from '../session-views';
import { CREDENTIAL_ERRORS } from './session';

export const stationCalls = {
  /**
   * Makes a new station key: every tab holding the old one answers UNAUTHORIZED from now on. The
   * answer carries the new key, so the tab that asked stays connected.
   */
  rotateStationToken: call({
    input: z.object({ authorization: authorizationSchema.optional() }).strict(),
    output: z.object({ token: z.string() }),
    errors: [...CREDENTIAL_ERRORS, 'FORBIDDEN'],
    role: 'admin',
    stepUp: true,
  }),
};
