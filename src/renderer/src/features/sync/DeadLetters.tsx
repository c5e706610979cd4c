import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { EventTypeName } from '../../ui/EventTypeName';
import { formatDateTime } from '../../ui/format';
import { ReasonForm } from '../../ui/ReasonForm';
import { discardReasonValid } from './sync-store';

export function DeadLetters({ supervisor }: { supervisor: boolean }) {
  const { t, i18n } = useTranslation();
  const deadLetters = useFeature('sync', (s) => s.deadLetters);
  const discarding = useFeature('sync', (s) => s.discarding);
  const busy = useFeature('sync', (s) => s.busy);
  const retry = useFeature('sync', (s) => s.retry);
  const beginDiscard = useFeature('sync', (s) => s.beginDiscard);
  const editReason = useFeature('sync', (s) => s.editDiscardReason);
  const abandon = useFeature('sync', (s) => s.abandonDiscard);
  const confirm = useFeature('sync', (s) => s.confirmDiscard);
  // A clerk may press them too: a supervisor approves the one action at this screen.
  const hint = supervisor ? undefined : t('sync.asksSupervisor');

  return (
    <section className="sync-column" aria-labelledby="dead-title">
      <h2 id="dead-title" className="section-title">
        {t('sync.deadLetters')} ({deadLetters.length})
      </h2>
      {deadLetters.length === 0 ? (
        <p className="empty">{t('sync.noDeadLetters')}</p>
      ) : (
        <ul className="dead-letters" data-testid="dead-letters">
          {deadLetters.map((e) => (
            <li key={e.id} className="dead-letter" data-event-id={e.id}>
              <p className="dead-head">
                <strong>{e.destination}</strong> · <EventTypeName type={e.type} /> ·{' '}
                <span className="mono">{e.summary}</span>
              </p>
              <p className="muted">{formatDateTime(e.createdAt, i18n.language)}</p>
              {e.lastError && <p className="row-error">{e.lastError}</p>}
              {discarding?.eventId === e.id ? (
                <ReasonForm
                  className="discard-form"
                  label={t('sync.discardReason')}
                  confirmLabel={t('sync.discardConfirm')}
                  reason={discarding.reason}
                  maxLength={500}
                  valid={discardReasonValid(discarding.reason)}
                  busy={busy}
                  danger
                  onReason={editReason}
                  onCancel={abandon}
                  onConfirm={() => void confirm()}
                />
              ) : (
                <div className="row-actions">
                  <button
                    type="button"
                    className="btn"
                    disabled={busy}
                    title={hint}
                    onClick={() => void retry(e.id)}
                  >
                    {t('sync.retry')}
                  </button>
                  <button
                    type="button"
                    className="btn"
                    disabled={busy}
                    title={hint}
                    onClick={() => beginDiscard(e.id)}
                  >
                    {t('sync.discard')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
