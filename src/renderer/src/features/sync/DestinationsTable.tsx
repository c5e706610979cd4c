import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { formatDateTime } from '../../ui/format';
import { destinationRows } from './sync-store';

export function DestinationsTable() {
  const { t, i18n } = useTranslation();
  const destinations = useFeature('sync', (s) => s.overview?.destinations ?? null);
  const showIdle = useFeature('sync', (s) => s.showIdleDestinations);
  const toggleIdle = useFeature('sync', (s) => s.toggleIdleDestinations);
  if (!destinations) return <p className="empty">{t('app.loading')}</p>;
  const { rows, idle } = destinationRows(destinations, showIdle);
  return (
    <section aria-labelledby="destinations-title">
      <div className="section-head">
        <h2 id="destinations-title" className="section-title">
          {t('sync.destinations')}
        </h2>
        {idle > 0 && (
          <button type="button" className="btn btn-small" onClick={toggleIdle} aria-pressed={showIdle}>
            {showIdle ? t('sync.hideIdle') : t('sync.showIdle', { count: idle })}
          </button>
        )}
      </div>
      <table className="table table-compact" data-testid="destinations">
        <thead>
          <tr>
            <th>{t('sync.destination')}</th>
            <th className="num">{t('outboxStatus.pending')}</th>
            <th className="num">{t('outboxStatus.in_flight')}</th>
            <th className="num">{t('outboxStatus.delivered')}</th>
            <th className="num">{t('outboxStatus.dead')}</th>
            <th>{t('sync.circuit')}</th>
            <th>{t('sync.lastSuccess')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.name} data-destination={d.name}>
              <td className="strong">{d.name}</td>
              <td className="num">{d.counts.pending}</td>
              <td className="num">{d.counts.in_flight}</td>
              <td className="num">{d.counts.delivered}</td>
              <td className={`num ${d.counts.dead > 0 ? 'bad' : ''}`}>{d.counts.dead}</td>
              <td>
                <span className={`badge badge-circuit-${d.circuit}`}>{t(`circuit.${d.circuit}`)}</span>
                {d.lastError && d.circuit !== 'closed' && <span className="row-error">{d.lastError}</span>}
              </td>
              <td className="nowrap">
                {d.lastSuccessAt ? formatDateTime(d.lastSuccessAt, i18n.language) : t('app.never')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">{t('sync.noActivity')}</p>}
    </section>
  );
}
