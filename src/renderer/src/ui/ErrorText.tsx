import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { errorMessageKey } from '../i18n/error-message';

/** An error as a clerk reads it: the translated message of its code, never a stack or library text. */
export function ErrorText({ error, className }: { error: AppErrorShape; className?: string }) {
  const { t } = useTranslation();
  const [key, params] = errorMessageKey(error);
  return (
    <p className={className ?? 'error-text'} role="alert" data-error-code={error.code}>
      {t(key, params)}
    </p>
  );
}
