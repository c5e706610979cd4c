import { isAppErrorShape, type AppErrorShape } from '../../../shared/errors';

/**
 * What an error looks like on screen: only a code and its parameters. Anything else that was
 * thrown (a library's message, a stack) becomes INTERNAL, so it never reaches a clerk.
 */
export function toErrorShape(err: unknown): AppErrorShape {
  if (isAppErrorShape(err)) return { code: err.code, params: err.params };
  return { code: 'INTERNAL', params: {} };
}

/** The i18next key and options of an error's message. */
export function errorMessageKey(error: AppErrorShape): [string, Record<string, unknown>] {
  return [`errors.${error.code}`, { ...error.params }];
}
