import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EXCEPTION_DISPOSALS } from '../../../../shared/returns/supervision-codes';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { formatDateTime } from '../../ui/format';
import './exceptions.css';

/** Unexpected returns in quarantine: matched to a return order found later, or disposed of with a note. */
export function ExceptionsTab() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const isSupervisor = useFeature('session', (s) => s.user?.role === 'supervisor');
  const status = useFeature('exceptions', (s) => s.status);
  const items = useFeature('exceptions', (s) => s.items);
  const cursor = useFeature('exceptions', (s) => s.cursor);
  const form = useFeature('exceptions', (s) => s.form);
  const busy = useFeature('exceptions', (s) => s.busy);
  const error = useFeature('exceptions', (s) => s.error);
  const resolved = useFeature('exceptions', (s) => s.resolved);

  useEffect(() => {
    if (isSupervisor) void stores.exceptions.getState().load();
  }, [stores, isSupervisor]);

  if (!isSupervisor) return <p className="empty">{t('exceptions.supervisorOnly')}</p>;
  const s = stores.exceptions.getState();
  const current = items[cursor];

  return (
    <div className="exceptions">
      <div className="chips" role="group">
        {(['open', 'resolved'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className="chip"
            aria-pressed={status === v}
            onClick={() => void s.show(v)}
          >
            {t(`exceptions.status.${v}`)}
          </button>
        ))}
      </div>
      {resolved && (
        <p className="notice notice-ok" role="status" data-testid="exception-resolved">
          {t('exceptions.done')}
        </p>
      )}
      {error && <ErrorText error={error} />}
      <div className="exceptions-columns">
        <table className="table table-compact" data-testid="exceptions-table">
          <thead>
            <tr>
              <th>{t('exceptions.raised')}</th>
              <th>{t('exceptions.bin')}</th>
              <th>{t('exceptions.note')}</th>
              <th>{t('exceptions.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e, i) => (
              <tr
                key={e.id}
                className={i === cursor ? 'row-current' : undefined}
                onClick={() => s.select(i)}
                data-exception-id={e.id}
              >
                <td>
                  {e.raisedBy.name}
                  <div className="cell-soft">{formatDateTime(e.raisedAt, i18n.language)}</div>
                </td>
                <td className="mono">{e.quarantineBin}</td>
                <td>
                  {e.note}{' '}
                  <span className="cell-soft">{t('exceptions.photos', { count: e.photos.length })}</span>
                </td>
                <td>
                  {e.resolution
                    ? `${t(`exceptions.kind.${e.resolution.kind}`)}${e.resolution.platformReturnId ? ` ${e.resolution.platformReturnId}` : ''}${e.resolution.disposal ? ` — ${t(`exceptions.disposal.${e.resolution.disposal}`)}` : ''}, ${e.resolution.by.name}`
                    : t('exceptions.open')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {current && current.status === 'open' && (
          <form
            className="resolve-form"
            data-testid="resolve-form"
            onSubmit={(e) => {
              e.preventDefault();
              void s.resolve();
            }}
          >
            <div className="chips" role="group">
              {(['match', 'dispose'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  className="chip"
                  aria-pressed={form.kind === k}
                  onClick={() => s.edit({ kind: k })}
                >
                  {t(`exceptions.how.${k}`)}
                </button>
              ))}
            </div>
            {form.kind === 'match' ? (
              <label className="field">
                <span className="field-label">{t('exceptions.returnOrder')}</span>
                <input
                  className="input mono"
                  value={form.returnOrderId}
                  onChange={(e) => s.edit({ returnOrderId: e.target.value })}
                />
              </label>
            ) : (
              <label className="field">
                <span className="field-label">{t('exceptions.disposalLabel')}</span>
                <select
                  className="input"
                  value={form.disposal}
                  onChange={(e) => s.edit({ disposal: e.target.value as typeof form.disposal })}
                >
                  <option value="">—</option>
                  {EXCEPTION_DISPOSALS.map((d) => (
                    <option key={d} value={d}>
                      {t(`exceptions.disposal.${d}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="field">
              <span className="field-label">
                {form.kind === 'dispose' ? t('exceptions.noteRequired') : t('exceptions.noteOptional')}
              </span>
              <input
                className="input"
                value={form.note}
                maxLength={500}
                onChange={(e) => s.edit({ note: e.target.value })}
              />
            </label>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('exceptions.resolve')}
            </button>
          </form>
        )}
      </div>
      {items.length === 0 && <p className="empty">{t(`exceptions.empty.${status}`)}</p>}
    </div>
  );
}
