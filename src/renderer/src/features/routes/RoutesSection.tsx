import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { formatDateTime } from '../../ui/format';
import { isSupervisor } from '../session/session-store';
import { RouteForm } from './RouteForm';
import './routes.css';

/** The Sync screen's routes: for each country (and seller), its two lines, the active one and why. */
export function RoutesSection() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const status = useFeature('routes', (s) => s.status);
  const error = useFeature('routes', (s) => s.error);
  const supervisor = useFeature('session', isSupervisor);
  const editing = useFeature('routes', (s) => s.draft !== null);
  const edit = useFeature('routes', (s) => s.edit);
  const remove = useFeature('routes', (s) => s.remove);
  const failoverDraft = useFeature('routes', (s) => s.failoverDraft);
  const editFailover = useFeature('routes', (s) => s.editFailover);
  const saveFailover = useFeature('routes', (s) => s.saveFailover);

  useEffect(() => stores.routes.getState().startPolling(), [stores]);

  const minutes = status ? Math.round(status.failoverAfterMs / 60_000) : 0;
  const routeName = (r: { country: string; sellerId: string | null }): string =>
    r.sellerId === null ? r.country : t('routes.countrySeller', { country: r.country, seller: r.sellerId });
  return (
    <section aria-labelledby="routes-title" data-testid="routes">
      <div className="section-head">
        <h2 id="routes-title" className="section-title">
          {t('routes.title')}
        </h2>
        {status && <span className="routes-rule">{t('routes.rule', { minutes })}</span>}
        {supervisor && status && !editing && (
          <button type="button" className="btn" onClick={() => edit()}>
            {t('routes.form.add')}
          </button>
        )}
      </div>
      {supervisor && status && (
        <form
          className="failover-form"
          data-testid="failover-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveFailover();
          }}
        >
          <label>
            <span>{t('routes.form.failoverAfter')}</span>
            <input
              type="number"
              min={1}
              max={10080}
              value={failoverDraft ?? String(minutes)}
              onChange={(e) => editFailover(e.target.value)}
            />
          </label>
          <button type="submit" className="btn" disabled={failoverDraft === null}>
            {t('routes.form.saveFailover')}
          </button>
        </form>
      )}
      {error && <ErrorText error={error} />}
      {supervisor && <RouteForm />}
      {status && status.routes.length === 0 && <p className="empty">{t('routes.none')}</p>}
      {status && status.routes.length > 0 && (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('routes.route')}</th>
              <th>{t('routes.primary')}</th>
              <th>{t('routes.backup')}</th>
              <th>{t('routes.active')}</th>
              <th className="num">{t('routes.sentToBackup')}</th>
              {supervisor && <th>{t('routes.form.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {status.routes.map((r) => (
              <tr key={r.id} data-route={r.sellerId === null ? r.country : `${r.country}/${r.sellerId}`}>
                <td className="strong">
                  {r.sellerId === null
                    ? r.country
                    : t('routes.countrySeller', { country: r.country, seller: r.sellerId })}
                </td>
                <td>
                  {r.primary}
                  {r.primaryDownSince !== null && (
                    <span className="row-error">
                      {t('routes.downSince', { time: formatDateTime(r.primaryDownSince, i18n.language) })}
                    </span>
                  )}
                </td>
                <td>{r.backup ?? t('routes.noBackup')}</td>
                <td data-active-line={r.line.active} data-reason={r.line.reason}>
                  <span className={`badge badge-line-${r.line.active}`}>
                    {t(`routes.line.${r.line.active}`)}
                  </span>
                  <span className="routes-reason">{t(`routes.reason.${r.line.reason}`, { minutes })}</span>
                </td>
                <td className="num">{r.sentToBackup24h}</td>
                {supervisor && (
                  <td className="route-actions">
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('routes.form.editRoute', { route: routeName(r) })}
                      onClick={() => edit({ country: r.country, sellerId: r.sellerId })}
                    >
                      {t('routes.form.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-danger"
                      aria-label={t('routes.form.deleteRoute', { route: routeName(r) })}
                      onClick={() => void remove({ country: r.country, sellerId: r.sellerId })}
                    >
                      {t('routes.form.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
