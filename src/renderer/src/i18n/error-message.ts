import { isAppErrorShape, type AppErrorShape } from '../../../shared/errors';

/**
 * What an error looks like on screen: only a code and its parameters. Anything else that was
 * thrown (a library's message, a stack) becomes INTERNAL, so it never reaches a clerk.
 */
export function toErrorShape(err: unknown): AppErrorShape {
  if (isAppErrorShape(err)) return { code: err.code, params: err.params };
  return { code: 'INTERNAL', params: {} };
}

/**
 * Some codes say more with one of their parameters: which PIN rule, which validation issue, why
 * forbidden. Their texts live in `errorDetails.<CODE>.<variant>`; the code's own text is the fallback.
 */
function variantOf(error: AppErrorShape): string | null {
  const p = error.params;
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return typeof p.issue === 'string' ? p.issue : null;
    case 'PIN_TOO_WEAK':
      return typeof p.rule === 'string' ? p.rule : null;
    case 'BADGE_INVALID':
      return typeof p.reason === 'string' ? p.reason : null;
    case 'BAD_PIN':
      return typeof p.retryAfterSeconds === 'number' ? 'locked' : null;
    case 'PACK_ITEM_CLASS_NOT_ACCEPTED':
      return typeof p.itemClass === 'string' ? p.itemClass : null;
    case 'SIGN_IN_LOCKED':
      return p.scope === 'station' ? 'station' : null;
    case 'FORBIDDEN':
      if (p.authorizer === true) return 'authorizer';
      if (typeof p.setting === 'string') return 'setting';
      // "supervisor" is what the code's own text says.
      return p.required === 'admin' || p.required === 'another_user' ? p.required : null;
    default:
      return null;
  }
}

/** The i18next keys (most precise first) and options of an error's message. */
export function errorMessageKey(error: AppErrorShape): [string[], Record<string, unknown>] {
  const variant = variantOf(error);
  const keys = variant
    ? [`errorDetails.${error.code}.${variant}`, `errors.${error.code}`]
    : [`errors.${error.code}`];
  return [keys, { ...error.params }];
}
