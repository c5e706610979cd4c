import { useTranslation } from 'react-i18next';
import { useFeature } from '../app/stores-context';

/**
 * Says so while the station's core is restarting after a crash (or has stopped): the clerk knows
 * why the screen waits, and that what was confirmed is safe. Hidden while all is well.
 */
export function CoreStatusBanner() {
  const { t } = useTranslation();
  const status = useFeature('coreStatus', (s) => s.status);
  if (status === 'running') return null;
  return (
    <div
      className={`core-status core-status-${status}`}
      role="status"
      aria-live="polite"
      data-testid="core-status"
    >
      {t(status === 'restarting' ? 'coreStatus.restarting' : 'coreStatus.stopped')}
    </div>
  );
}
