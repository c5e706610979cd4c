import type { credentialsCalls } from '../../shared/calls/credentials';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function credentialsHandlers(core: Services): HandlersFor<typeof credentialsCalls> {
  return {
    listAccounts: () => core.credentials.list(),
    setCredentials: (input, ctx) =>
      core.credentials.set(input.account, input.secrets, ctx.user.id, input.confirmWeakStorage === true),
    clearCredentials: (input, ctx) => core.credentials.clear(input.account, input.fields, ctx.user.id),
    testConnection: (input) => core.credentials.test(input.account, input.secrets),
  };
}
