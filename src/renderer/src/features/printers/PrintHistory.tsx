import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { toErrorShape } from '../../i18n/error-message';
import { ErrorText } from '../../ui/ErrorText';
import { ReasonForm } from '../../ui/ReasonForm';
import { formatDateTime } from '../../ui/format';
import { jobStatusKey } from './job-status';
import { LabelPreview } from './LabelPreview';
import { HISTORY_FILTERS, reprintReasonValid } from './printers-store';

export function PrintHistory() {
  const { t, i18n } = useTranslation();
  const history = useFeature('printers', (s) => s.history);
  const printers = useFeature('printers', (s) => s.printers);
  const selected = useFeature('printers', (s) => s.printers.find((p) => p.id === s.selectedId) ?? null);
  const filter = useFeature('printers', (s) => s.historyFilter);
  const reprint = useFeature('printers', (s) => s.reprint);
  const preview = useFeature('printers', (s) => s.preview);
  const busy = useFeature('printers', (s) => s.busy);
  const setFilter = useFeature('printers', (s) => s.setHistoryFilter);
  const beginReprint = useFeature('printers', (s) => s.beginReprint);
  const editReason = useFeature('printers', (s) => s.editReprintReason);
  const cancelReprint = useFeature('printers', (s) => s.cancelReprint);
  const confirmReprint = useFeature('printers', (s) => s.confirmReprint);
  const showPreview = useFeature('printers', (s) => s.showPreview);
  const closePreview = useFeature('printers', (s) => s.closePreview);
  const nameOf = (id: string): string =>
    printers.find((p) => p.id === id)?.name ?? (id === '' ? t('app.none') : id);

  return (
    <section className="print-history" aria-labelledby="print-history-title">
      <div className="section-head">
        <h2 id="print-history-title" className="section-title">
          {selected ? t('printers.history.titleFor', { name: selected.name }) : t('printers.history.title')}
        </h2>
        <div className="segmented" role="radiogroup" aria-label={t('printers.history.status')}>
          {HISTORY_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className="segment segment-small"
              onClick={() => void setFilter(f)}
            >
              {t(`printHistoryFilter.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {preview && (
        <div className="history-preview" role="dialog" aria-label={t('printers.preview.title')}>
          <div className="section-head">
            <h3>{t('printers.preview.title')}</h3>
            <button type="button" className="btn btn-small" autoFocus onClick={closePreview}>
              {t('printers.preview.close')}
            </button>
          </div>
          {preview.error ? (
            <ErrorText error={preview.error} />
          ) : preview.label ? (
            <LabelPreview preview={preview.label} alt={t('printers.preview.title')} />
          ) : (
            <p className="muted">{t('printers.preview.loading')}</p>
          )}
        </div>
      )}
      {history.length === 0 ? (
        <p className="empty">{t('printers.history.empty')}</p>
      ) : (
        <table className="table table-compact" data-testid="print-history">
          <thead>
            <tr>
              <th>{t('printers.history.when')}</th>
              <th>{t('printers.history.label')}</th>
              {!selected && <th>{t('printers.history.printer')}</th>}
              <th>{t('printers.history.status')}</th>
              <th className="num">{t('printers.history.attempts')}</th>
              <th>{t('printers.history.by')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((job) => (
              <tr key={job.id} data-job-id={job.id} data-status={job.status}>
                <td className="nowrap">{formatDateTime(job.createdAt, i18n.language)}</td>
                <td>
                  {t(`labelTemplate.${job.template}`, { defaultValue: job.template })}
                  {job.summary && <span className="mono job-summary"> {job.summary}</span>}
                  {job.reprintOf && (
                    <span className="muted reprint-note">
                      {' '}
                      · {t('printers.history.reprintOf', { reason: job.reason ?? '' })}
                    </span>
                  )}
                  {job.lastError && job.status !== 'printed' && (
                    <ErrorText error={toErrorShape(job.lastError)} className="row-error" />
                  )}
                </td>
                {!selected && <td>{nameOf(job.printerId)}</td>}
                <td>
                  <span className={`badge badge-job-${job.status}`}>{t(jobStatusKey(job))}</span>
                </td>
                <td className="num">{job.attempts}</td>
                <td>{job.requestedByName ?? job.requestedBy}</td>
                <td>
                  {reprint?.jobId === job.id ? (
                    <ReasonForm
                      className="reprint-form"
                      label={t('printers.history.reprintReason')}
                      confirmLabel={t('printers.history.reprintConfirm')}
                      reason={reprint.reason}
                      maxLength={200}
                      valid={reprintReasonValid(reprint.reason)}
                      busy={busy}
                      small
                      onReason={editReason}
                      onCancel={cancelReprint}
                      onConfirm={() => void confirmReprint()}
                    />
                  ) : (
                    <div className="row-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => void showPreview(job.id)}
                      >
                        {t('printers.history.preview')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busy}
                        onClick={() => beginReprint(job.id)}
                      >
                        {t('printers.history.reprint')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
