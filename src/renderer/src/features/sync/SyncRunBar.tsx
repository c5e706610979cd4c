import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { progressFraction } from './sync-store';

export function SyncRunBar({ supervisor }: { supervisor: boolean }) {
  const { t } = useTranslation();
  const running = useFeature('sync', (s) => s.overview?.running ?? null);
  const busy = useFeature('sync', (s) => s.busy);
  const actionError = useFeature('sync', (s) => s.actionError);
  const startDaily = useFeature('sync', (s) => s.startDaily);
  const cancel = useFeature('sync', (s) => s.cancel);
  const percent = running ? Math.round(progressFraction(running) * 100) : 0;

  return (
    <section className="run-bar" data-testid="sync-run" data-running={running ? 'yes' : 'no'}>
      {running ? (
        <div className="run-progress">
          <p className="run-stage">
            {t('sync.progress', {
              step: Math.min(running.stageIndex + 1, running.stageCount),
              steps: running.stageCount,
              stage: t(`syncStage.${running.stage}`),
            })}
            {running.total > 0 && (
              <span className="run-count">
                {t('sync.progressCount', { done: running.done, total: running.total })}
              </span>
            )}
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            data-testid="sync-progress"
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : (
        <p className="run-idle">{t('sync.idle')}</p>
      )}
      {running ? (
        <button
          type="button"
          className="btn btn-danger"
          disabled={!supervisor || busy || running.cancelRequested}
          onClick={() => void cancel()}
        >
          {running.cancelRequested ? t('sync.cancelling') : t('sync.cancel')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-primary btn-run"
          disabled={!supervisor || busy}
          onClick={() => void startDaily()}
          data-testid="run-sync"
        >
          {t('sync.run')}
        </button>
      )}
      {actionError && <ErrorText error={actionError} className="run-error" />}
    </section>
  );
}
