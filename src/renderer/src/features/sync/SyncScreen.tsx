import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { RoutesSection } from '../routes/RoutesSection';
import { isSupervisor } from '../session/session-store';
import { DeadLetters } from './DeadLetters';
import { DestinationsTable } from './DestinationsTable';
import { SyncReports } from './SyncReports';
import { SyncRunBar } from './SyncRunBar';
import './sync.css';

export function SyncScreen() {
  const { t } = useTranslation();
  const stores = useStores();
  const error = useFeature('sync', (s) => s.error);
  const overview = useFeature('sync', (s) => s.overview);
  const supervisor = useFeature('session', isSupervisor);

  useEffect(() => stores.sync.getState().startPolling(), [stores]);

  return (
    <div className="sync-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('sync.title')}</h1>
        {!supervisor && <p className="supervisor-hint">{t('sync.supervisorOnly')}</p>}
      </div>
      {overview?.configError && (
        <p className="sync-off" role="alert">
          {t('sync.off', { reason: overview.configError })}
        </p>
      )}
      {error && !overview ? (
        <ErrorText error={error} />
      ) : (
        <>
          <SyncRunBar supervisor={supervisor} />
          <DestinationsTable />
          <RoutesSection />
          <div className="sync-columns">
            <SyncReports />
            <DeadLetters supervisor={supervisor} />
          </div>
        </>
      )}
    </div>
  );
}
