import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { isSupervisor } from '../session/session-store';
import { PrintHistory } from './PrintHistory';
import { PrinterEditor } from './PrinterEditor';
import { PrinterList } from './PrinterList';
import './printers.css';

export function PrintersScreen() {
  const { t } = useTranslation();
  const stores = useStores();
  const loadError = useFeature('printers', (s) => s.loadError);
  const loaded = useFeature('printers', (s) => s.loaded);
  const draft = useFeature('printers', (s) => s.draft);
  const notice = useFeature('printers', (s) => s.notice);
  const actionError = useFeature('printers', (s) => s.actionError);
  const supervisor = useFeature('session', isSupervisor);

  useEffect(() => stores.printers.getState().startScreenPolling(), [stores]);

  if (!loaded) return loadError ? <ErrorText error={loadError} /> : <p>{t('app.loading')}</p>;

  return (
    <div className="printers-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('printers.title')}</h1>
        {!supervisor && <p className="supervisor-hint">{t('printers.supervisorOnly')}</p>}
      </div>
      <p className="screen-intro">{t('printers.intro')}</p>
      {notice?.kind === 'deleted' && (
        <p className="saved" role="status">
          {t('printers.form.deleted', { count: notice.cancelledJobs })}
        </p>
      )}
      {!draft && actionError && <ErrorText error={actionError} />}
      <div className="printers-columns">
        <PrinterList supervisor={supervisor} />
        {draft && <PrinterEditor supervisor={supervisor} />}
      </div>
      <PrintHistory />
    </div>
  );
}
