import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors';
import type { BatchDetail, CertificateVerification } from '../../../../shared/returns/supervision-views';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { Kbd } from '../../ui/Kbd';
import { formatDateTime } from '../../ui/format';
import { isField, leaveField } from '../supervisor/fields';
import { fileToBase64, saveBase64File } from './save-file';
import './batches.css';

/**
 * Destruction batches: the open one collects approved destroys; closing it issues the certificate
 * (PDF with its SHA-256), which is downloaded and verified here. ↑ ↓ batch, C close, D download,
 * P cage label, V verify a file.
 */
export function BatchesTab() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const batches = useFeature('batches', (s) => s.batches);
  const currentId = useFeature('batches', (s) => s.currentId);
  const detail = useFeature('batches', (s) => s.detail);
  const error = useFeature('batches', (s) => s.error);
  const notice = useFeature('batches', (s) => s.notice);
  const verification = useFeature('batches', (s) => s.verification);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void stores.batches.getState().load();
  }, [stores]);

  const download = async () => {
    const file = await stores.batches.getState().certificate();
    if (file) saveBase64File(file.fileName, file.mimeType, file.dataBase64);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || stores.session.getState().dialogOpen) return;
      if (isField(e.target) || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      const s = stores.batches.getState();
      let taken = true;
      if (e.code === 'ArrowDown') void s.move(1);
      else if (e.code === 'ArrowUp') void s.move(-1);
      else if (e.code === 'KeyC' && s.detail?.status === 'open')
        document.querySelector<HTMLElement>('[data-testid=batch-note]')?.focus();
      else if (e.code === 'KeyD') void download();
      else if (e.code === 'KeyP') void s.printLabel();
      else if (e.code === 'KeyV') fileInput.current?.click();
      else taken = false;
      if (!taken) return;
      e.preventDefault();
      stores.receive.getState().resetTyping();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // download reads the stores when called; binding it once is enough.
  }, [stores]);

  return (
    <div className="batches">
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="batches-notice">
          {t(`batches.notice.${notice}`)}
        </p>
      )}
      {error && <ErrorText error={error} />}
      <div className="batches-columns">
        <div className="batches-left">
          <ul className="batch-items" data-testid="batch-list">
            {batches.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className="batch-item"
                  aria-current={b.id === currentId}
                  onClick={() => void stores.batches.getState().open(b.id)}
                  data-batch-id={b.id}
                >
                  <span className="batch-item-name">{b.number ?? t('batches.openBatch')}</span>
                  <span className={`badge badge-batch-${b.status}`}>{t(`batches.status.${b.status}`)}</span>
                  <span className="cell-soft">
                    {t('batches.units', { count: b.totals.units })} ·{' '}
                    {formatDateTime(b.closedAt ?? b.openedAt, i18n.language)}
                  </span>
                </button>
              </li>
            ))}
            {batches.length === 0 && <li className="empty">{t('batches.none')}</li>}
          </ul>
          <div className="verify-box">
            <h2>{t('batches.verifyTitle')}</h2>
            <p className="cell-soft">{t('batches.verifyIntro')}</p>
            <label className="btn">
              <Kbd>V</Kbd> {t('batches.verifyChoose')}
              <input
                ref={fileInput}
                type="file"
                accept="application/pdf,.pdf"
                className="visually-hidden"
                data-testid="verify-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file)
                    void fileToBase64(file).then((b64) => stores.batches.getState().verify(file.name, b64));
                }}
              />
            </label>
            {verification && <VerificationView v={verification} />}
          </div>
        </div>
        <div className="batch-detail">
          {detail && <BatchView detail={detail} onDownload={() => void download()} />}
        </div>
      </div>
    </div>
  );
}

function BatchView({ detail, onDownload }: { detail: BatchDetail; onDownload: () => void }) {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const note = useFeature('batches', (s) => s.note);
  const busy = useFeature('batches', (s) => s.busy);
  const totals = detail.totals;

  const close = async () => {
    if (await stores.batches.getState().close()) leaveField();
  };

  return (
    <section className="batch-view" data-testid="batch-detail" data-status={detail.status}>
      <h2>
        {detail.number ?? t('batches.openBatch')}{' '}
        <span className={`badge badge-batch-${detail.status}`}>{t(`batches.status.${detail.status}`)}</span>
      </h2>
      <dl className="kv">
        <dt>{t('batches.opened')}</dt>
        <dd>
          {detail.openedBy.name}, {formatDateTime(detail.openedAt, i18n.language)}
        </dd>
        {detail.closedBy && detail.closedAt !== null && (
          <>
            <dt>{t('batches.closed')}</dt>
            <dd>
              {detail.closedBy.name}, {formatDateTime(detail.closedAt, i18n.language)}
            </dd>
          </>
        )}
        <dt>{t('batches.totals')}</dt>
        <dd data-testid="batch-totals">
          {t('batches.units', { count: totals.units })} · {t('batches.photos', { count: totals.photos })}
          {totals.value.length > 0 && ` · ${totals.value.map((m) => `${m.amount} ${m.currency}`).join(', ')}`}
        </dd>
        {detail.note && (
          <>
            <dt>{t('batches.note')}</dt>
            <dd>{detail.note}</dd>
          </>
        )}
        {detail.labelError && (
          <>
            <dt>{t('batches.label')}</dt>
            <dd>
              <ErrorText error={detail.labelError as AppErrorShape} />
            </dd>
          </>
        )}
      </dl>
      {detail.certificate && (
        <div className="certificate-box" data-testid="certificate">
          <h3>{t('batches.certificate', { id: detail.certificate.id })}</h3>
          <p>
            {t('batches.sha256')}{' '}
            <span className="mono hash" data-testid="certificate-sha256">
              {detail.certificate.sha256}
            </span>
          </p>
          {detail.certificate.pdfSha256 && (
            <p className="cell-soft">
              {t('batches.fileSha256')} <span className="mono hash">{detail.certificate.pdfSha256}</span>
            </p>
          )}
          <div className="approvals-buttons">
            <button
              type="button"
              className="btn btn-primary"
              onClick={onDownload}
              data-testid="certificate-download"
            >
              <Kbd>D</Kbd> {t('batches.download')}
            </button>
            <button type="button" className="btn" onClick={() => void stores.batches.getState().printLabel()}>
              <Kbd>P</Kbd> {t('batches.printLabel')}
            </button>
          </div>
        </div>
      )}
      {detail.status === 'open' && (
        <form
          className="close-form"
          onSubmit={(e) => {
            e.preventDefault();
            void close();
          }}
        >
          <label className="field">
            <span className="field-label">{t('batches.closeNote')}</span>
            <input
              className="input"
              value={note}
              maxLength={500}
              onChange={(e) => stores.batches.getState().setNote(e.target.value)}
              data-testid="batch-note"
            />
          </label>
          <button
            type="submit"
            className="btn btn-danger"
            disabled={busy || detail.items.length === 0}
            data-testid="batch-close"
          >
            <Kbd>C</Kbd> {t('batches.close', { count: detail.items.length })}
          </button>
        </form>
      )}
      <table className="table batch-units">
        <thead>
          <tr>
            <th>{t('batches.unit')}</th>
            <th>{t('batches.item')}</th>
            <th>{t('batches.why')}</th>
            <th>{t('batches.approvedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.items.map((item) => (
            <tr key={item.id}>
              <td className="mono">{item.licensePlate}</td>
              <td>
                {item.name ?? item.sku} <span className="cell-soft">{item.grade}</span>
              </td>
              <td>{item.scrapReason ? t(`qc.scrap.${item.scrapReason}`) : ''}</td>
              <td>{item.decidedBy?.name ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function VerificationView({ v }: { v: CertificateVerification & { fileName: string } }) {
  const { t } = useTranslation();
  return (
    <div
      className={`verdict ${v.valid ? 'verdict-ok' : 'verdict-bad'}`}
      role="status"
      data-testid="verification"
      data-outcome={v.outcome}
    >
      <p className="verdict-title">
        {v.fileName}: {t(`batches.outcome.${v.outcome}`)}
      </p>
      {v.certificateId && <p>{t('batches.certificate', { id: v.certificateId })}</p>}
      {v.sha256 && (
        <p>
          {t('batches.sha256')} <span className="mono hash">{v.sha256}</span>
        </p>
      )}
      <p className="cell-soft">
        {t('batches.thisFile')} <span className="mono hash">{v.fileSha256}</span>
      </p>
      {v.differences.length > 0 && (
        <ul>
          {v.differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
