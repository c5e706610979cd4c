import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATUSES } from '../../../../shared/domain';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { EventTypeName } from '../../ui/EventTypeName';
import { formatDateTime } from '../../ui/format';
import { pageCount } from './queue-store';
import './queue.css';

export function QueueScreen() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const statuses = useFeature('queue', (s) => s.statuses);
  const counts = useFeature('queue', (s) => s.counts);
  const events = useFeature('queue', (s) => s.events);
  const total = useFeature('queue', (s) => s.total);
  const page = useFeature('queue', (s) => s.page);
  const pageSize = useFeature('queue', (s) => s.pageSize);
  const error = useFeature('queue', (s) => s.error);
  const toggleStatus = useFeature('queue', (s) => s.toggleStatus);
  const setPage = useFeature('queue', (s) => s.setPage);
  const load = useFeature('queue', (s) => s.load);
  const pages = pageCount(total, pageSize);

  useEffect(() => stores.queue.getState().startPolling(), [stores]);

  return (
    <div className="queue-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('queue.title')}</h1>
        <button type="button" className="btn" onClick={() => void load()}>
          {t('app.refresh')}
        </button>
      </div>
      <p className="screen-intro">{t('queue.intro')}</p>
      <div className="chips" role="group" aria-label={t('queue.filter')}>
        <span className="chips-label">{t('queue.filter')}</span>
        {OUTBOX_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip chip-${s}`}
            aria-pressed={statuses.includes(s)}
            onClick={() => void toggleStatus(s)}
            data-status={s}
          >
            {t(`outboxStatus.${s}`)} <span className="chip-count">{counts[s]}</span>
          </button>
        ))}
      </div>
      {error && <ErrorText error={error} />}
      <table className="table queue-table" data-testid="queue-table">
        <thead>
          <tr>
            <th>{t('queue.created')}</th>
            <th>{t('queue.event')}</th>
            <th>{t('queue.about')}</th>
            <th>{t('queue.destination')}</th>
            <th>{t('queue.status')}</th>
            <th className="num">{t('queue.attempts')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-event-id={e.id}>
              <td className="nowrap">{formatDateTime(e.createdAt, i18n.language)}</td>
              <td>
                <EventTypeName type={e.type} />
              </td>
              <td className="mono">
                {e.summary}
                {e.lastError && <span className="row-error">{e.lastError}</span>}
              </td>
              <td>{e.destination}</td>
              <td>
                <span className={`badge badge-${e.status}`}>{t(`outboxStatus.${e.status}`)}</span>
              </td>
              <td className="num">{e.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 && !error && <p className="empty">{t('queue.empty')}</p>}
      <div className="pager">
        <span data-testid="queue-total">{t('queue.total', { count: total })}</span>
        <button type="button" className="btn" disabled={page === 0} onClick={() => void setPage(page - 1)}>
          {t('queue.previous')}
        </button>
        <span>{t('queue.page', { page: page + 1, pages })}</span>
        <button
          type="button"
          className="btn"
          disabled={page + 1 >= pages}
          onClick={() => void setPage(page + 1)}
        >
          {t('queue.next')}
        </button>
      </div>
    </div>
  );
}
