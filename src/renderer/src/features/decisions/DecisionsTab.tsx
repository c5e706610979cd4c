import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS } from '../../../../shared/returns/qc-codes';
import type { DecisionTrail } from '../../../../shared/returns/supervision-views';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { EventTypeName } from '../../ui/EventTypeName';
import { formatDateTime } from '../../ui/format';
import { isField } from '../supervisor/fields';
import './decisions.css';

/**
 * Every QC decision, newest first, filtered; the one under the cursor with its whole story (every
 * decision the unit had, its approval and batch, the outbox events that carry it, the audit rows).
 */
export function DecisionsTab() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const isSupervisor = useFeature('session', (s) => s.user?.role === 'supervisor');
  const filter = useFeature('decisions', (s) => s.filter);
  const rows = useFeature('decisions', (s) => s.rows);
  const next = useFeature('decisions', (s) => s.next);
  const cursor = useFeature('decisions', (s) => s.cursor);
  const trail = useFeature('decisions', (s) => s.trail);
  const error = useFeature('decisions', (s) => s.error);

  useEffect(() => {
    if (isSupervisor) void stores.decisions.getState().load();
  }, [stores, isSupervisor]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isField(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
      const s = stores.decisions.getState();
      if (e.code === 'ArrowDown') void s.open(Math.min(s.rows.length - 1, s.cursor + 1));
      else if (e.code === 'ArrowUp') void s.open(Math.max(0, s.cursor - 1));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores]);

  if (!isSupervisor) return <p className="empty">{t('decisions.supervisorOnly')}</p>;
  const s = stores.decisions.getState();

  return (
    <div className="decisions">
      <div className="decisions-filter">
        <label className="field">
          <span className="field-label">{t('decisions.query')}</span>
          <input
            className="input"
            defaultValue={filter.query}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void s.setFilter({ query: e.currentTarget.value });
            }}
            data-testid="decisions-query"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('decisions.disposition')}</span>
          <select
            className="input"
            value={filter.disposition}
            onChange={(e) => void s.setFilter({ disposition: e.target.value as typeof filter.disposition })}
          >
            <option value="">{t('decisions.all')}</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {t(`qc.disposition.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('decisions.status')}</span>
          <select
            className="input"
            value={filter.status}
            onChange={(e) => void s.setFilter({ status: e.target.value as typeof filter.status })}
          >
            <option value="">{t('decisions.all')}</option>
            <option value="active">{t('decisions.active')}</option>
            <option value="undone">{t('decisions.undone')}</option>
          </select>
        </label>
      </div>
      {error && <ErrorText error={error} />}
      <div className="decisions-columns">
        <div className="decisions-list">
          <table className="table table-compact" data-testid="decisions-table">
            <thead>
              <tr>
                <th>{t('decisions.when')}</th>
                <th>{t('decisions.unit')}</th>
                <th>{t('decisions.item')}</th>
                <th>{t('decisions.disposition')}</th>
                <th>{t('decisions.clerk')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr
                  key={r.id}
                  className={`${i === cursor ? 'row-current' : ''} ${r.status === 'undone' ? 'row-undone' : ''}`}
                  onClick={() => void s.open(i)}
                  data-decision-id={r.id}
                >
                  <td className="nowrap">{formatDateTime(r.decidedAt, i18n.language)}</td>
                  <td className="mono">{r.licensePlate}</td>
                  <td>
                    {r.name ?? r.sku} <span className="cell-soft">{r.grade}</span>
                  </td>
                  <td>
                    {t(`qc.disposition.${r.disposition}`)}
                    {r.disposition !== r.suggested && (
                      <span className="cell-soft">
                        {' '}
                        ({t('decisions.suggested', { disposition: t(`qc.disposition.${r.suggested}`) })})
                      </span>
                    )}
                    {r.status === 'undone' && <span className="cell-soft"> · {t('decisions.undone')}</span>}
                  </td>
                  <td>{r.decidedBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="empty">{t('decisions.empty')}</p>}
          {next && (
            <button type="button" className="btn" onClick={() => void s.more()}>
              {t('decisions.more')}
            </button>
          )}
        </div>
        {trail && <TrailView trail={trail} />}
      </div>
    </div>
  );
}

function TrailView({ trail }: { trail: DecisionTrail }) {
  const { t, i18n } = useTranslation();
  return (
    <aside className="trail" data-testid="decision-trail">
      <h2>
        <span className="mono">{trail.decision.licensePlate}</span> ·{' '}
        {trail.decision.name ?? trail.decision.sku}
      </h2>
      <p className="cell-soft">
        {trail.orders.map((o) => `${o.platformReturnId} (${o.orderId})`).join(', ')} ·{' '}
        {t('decisions.photos', { count: trail.photos.length })}
      </p>
      <h3>{t('decisions.history')}</h3>
      <ul>
        {trail.history.map((h) => (
          <li key={h.id}>
            {formatDateTime(h.decidedAt, i18n.language)} — {t(`qc.disposition.${h.disposition}`)} {h.location}
            , {h.decidedBy.name}
            {h.status === 'undone' && ` · ${t('decisions.undone')}`}
          </li>
        ))}
      </ul>
      {trail.approval && (
        <p>
          {t('decisions.approval')}: {t(`approvals.status.${trail.approval.status}`)}
          {trail.approval.decidedBy && `, ${trail.approval.decidedBy.name}`}
          {trail.batch && ` · ${t('decisions.batch', { status: t(`batches.status.${trail.batch.status}`) })}`}
        </p>
      )}
      <h3>{t('decisions.events')}</h3>
      <table className="table table-compact" data-testid="trail-events">
        <tbody>
          {trail.events.map((e) => (
            <tr key={e.id}>
              <td>
                <EventTypeName type={e.type} />
              </td>
              <td>{e.destination}</td>
              <td>
                <span className={`badge badge-${e.status}`}>{t(`outboxStatus.${e.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('decisions.audit')}</h3>
      <ul className="trail-audit">
        {trail.audit.map((a) => (
          <li key={a.id}>
            {formatDateTime(a.at, i18n.language)} — <span className="mono">{a.action}</span>
            {a.user && `, ${a.user.name}`}
          </li>
        ))}
      </ul>
    </aside>
  );
}
