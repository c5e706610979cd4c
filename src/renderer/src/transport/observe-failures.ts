import { CALL_NAMES } from '../../../shared/channels';
import type { LastmileApi } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import { toErrorShape } from '../i18n/error-message';

/**
 * The same API, telling `onFailure` about every failed call before the caller sees it: a refused
 * station key or an ended sign-in is the session's business, whichever screen met it.
 */
export function observeFailures(api: LastmileApi, onFailure: (error: AppErrorShape) => void): LastmileApi {
  const observed: Partial<Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CALL_NAMES) {
    const call = api[name] as (input: unknown) => Promise<unknown>;
    observed[name] = async (input) => {
      try {
        return await call(input);
      } catch (err) {
        onFailure(toErrorShape(err));
        throw err;
      }
    };
  }
  return observed as LastmileApi;
}
