import { useTranslation } from 'react-i18next';
import type { SyncReport } from '../../../../shared/sync-views';
import { useFeature } from '../../app/stores-context';
import { formatDateTime } from '../../ui/format';
import { reportLines } from './sync-store';

function Report({ report }: { report: SyncReport }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="report" data-status={report.status} data-report-id={report.id}>
      <p className="report-head">
        <span className={`badge badge-run-${report.status}`}>{t(`syncStatus.${report.status}`)}</span>
        <span>{formatDateTime(report.startedAt, i18n.language)}</span>
        <span className="muted">{t(`syncTrigger.${report.trigger}`)}</span>
        {report.durationMs !== null && (
          <span className="muted">
            {t('sync.duration', { seconds: (report.durationMs / 1000).toFixed(1) })}
          </span>
        )}
      </p>
      <ul className="report-lines">
        {reportLines(report).map((d) => (
          <li key={d.name}>
            <strong>{d.name}</strong>: {t('sync.delivered')} {d.delivered} · {t('sync.failed')} {d.failed} ·{' '}
            {t('sync.dead')} {d.dead} · {t('sync.pending')} {d.pending}
          </li>
        ))}
        {report.pulls.map((p) => (
          <li key={p.source}>
            {t('sync.pulled', p)}
            {p.error && <span className="row-error">{p.error}</span>}
          </li>
        ))}
      </ul>
      {report.failures.length > 0 && (
        <details className="report-more">
          <summary>
            {t('sync.failures')} ({report.failures.length})
          </summary>
          <ul>
            {report.failures.map((f) => (
              <li key={f.eventId}>
                {f.destination} · {f.type} · {t(`outboxStatus.${f.status}`)} — {f.error}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.exceptions.length > 0 && (
        <details className="report-more">
          <summary>
            {t('sync.exceptions')} ({report.exceptions.length})
          </summary>
          <ul>
            {report.exceptions.map((x) => (
              <li key={x.parcelId}>
                <span className="mono">{x.trackingNumber}</span> · {x.carrier} ·{' '}
                {t('sync.silentFor', { hours: Math.round(x.hoursSilent) })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(report.lateCancellations ?? []).length > 0 && (
        // Open: each one is a parcel on its way that someone has to stop or expect back.
        <details className="report-more" data-testid="late-cancellations" open>
          <summary>
            {t('sync.lateCancellations')} ({(report.lateCancellations ?? []).length})
          </summary>
          <ul>
            {(report.lateCancellations ?? []).map((c) => (
              <li key={`${c.account} ${c.orderId}`} data-account={c.account} data-order={c.orderId}>
                {c.account} · <span className="mono">{c.orderId}</span> ·{' '}
                {t('sync.lateCancellationNoticed', { when: formatDateTime(c.noticedAt, i18n.language) })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(report.unknownCodes ?? []).length > 0 && (
        <details className="report-more" data-testid="unknown-codes">
          <summary>
            {t('sync.unknownCodes')} ({(report.unknownCodes ?? []).reduce((n, u) => n + u.count, 0)})
          </summary>
          <ul>
            {(report.unknownCodes ?? []).map((u) => (
              <li key={`${u.account} ${u.code}`} data-account={u.account} data-code={u.code}>
                {u.account} · <span className="mono">{u.code}</span> ·{' '}
                {t('sync.unknownCodeCount', { count: u.count })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.errors.length > 0 && (
        <ul className="report-errors" aria-label={t('sync.errors')}>
          {report.errors.map((e, i) => (
            <li key={i} className="row-error">
              {e}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function SyncReports() {
  const { t } = useTranslation();
  const reports = useFeature('sync', (s) => s.reports);
  return (
    <section className="sync-column" aria-labelledby="reports-title">
      <h2 id="reports-title" className="section-title">
        {t('sync.reports')}
      </h2>
      {reports.length === 0 ? (
        <p className="empty">{t('sync.noReports')}</p>
      ) : (
        <ol className="reports" data-testid="sync-reports">
          {reports.map((r) => (
            <Report key={r.id} report={r} />
          ))}
        </ol>
      )}
    </section>
  );
}
