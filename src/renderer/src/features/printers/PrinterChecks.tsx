import { useTranslation } from 'react-i18next';
import { toErrorShape } from '../../i18n/error-message';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { formatTime } from '../../ui/format';
import { LabelPreview } from './LabelPreview';
import { notReadyReasons } from './printer-checks';

/** Test print and status check of the printer open in the editor, with what came of them. */
export function PrinterChecks() {
  const { t, i18n } = useTranslation();
  const busy = useFeature('printers', (s) => s.busy);
  const check = useFeature('printers', (s) => s.check);
  const testJob = useFeature('printers', (s) => s.testJob);
  const testPreview = useFeature('printers', (s) => s.testPreview);
  const testPrint = useFeature('printers', (s) => s.testPrint);
  const checkStatus = useFeature('printers', (s) => s.checkStatus);
  const reasons = check ? notReadyReasons(check) : [];

  return (
    <section className="printer-checks" aria-label={t('printers.actions.testPrint')}>
      <div className="row-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void testPrint()}>
          {t('printers.actions.testPrint')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void checkStatus()}>
          {t('printers.actions.checkStatus')}
        </button>
      </div>
      {check && (
        <div className="check-result" data-testid="check-result" data-state={check.state}>
          {check.error ? (
            <>
              <p className="bad">{t('printers.actions.checkOffline')}</p>
              <ErrorText error={toErrorShape(check.error)} />
            </>
          ) : reasons.length > 0 ? (
            <p className="bad">
              {t('printers.actions.notReady', {
                reasons: reasons.map((r) => t(`printers.actions.${r}`)).join(', '),
              })}
            </p>
          ) : (
            <p className="good">{t('printers.actions.checkOnline')}</p>
          )}
        </div>
      )}
      {testJob && (
        <div className="test-result" data-testid="test-result" data-status={testJob.status}>
          <p>
            <strong>{t('printers.actions.testQueued')}</strong> ·{' '}
            <span className={`badge badge-job-${testJob.status}`}>
              {t(`printJobStatus.${testJob.status}`)}
            </span>
            {testJob.printedAt !== null && (
              <>
                {' '}
                · {t('printers.history.printedAt', { time: formatTime(testJob.printedAt, i18n.language) })}
              </>
            )}
          </p>
          {testJob.lastError && testJob.status !== 'printed' && (
            <ErrorText error={toErrorShape(testJob.lastError)} />
          )}
          {testPreview && (
            <LabelPreview preview={testPreview} alt={t('printers.preview.title')} maxWidthPx={520} />
          )}
        </div>
      )}
    </section>
  );
}
