import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DESTROY_REJECT_REASONS, INSTEAD_OF_DESTROY } from '../../../../shared/returns/supervision-codes';
import type { ApprovalItem } from '../../../../shared/returns/supervision-views';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { Kbd } from '../../ui/Kbd';
import { formatDateTime } from '../../ui/format';
import { isField, leaveField } from '../supervisor/fields';
import './approvals.css';

/**
 * Destroys waiting for a supervisor. The whole job by keyboard: ↑ ↓ move, Space ticks, Ctrl+A ticks
 * all, A approves, R refuses (why, and what the unit becomes instead), Esc backs out.
 */
export function ApprovalsTab() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const view = useFeature('approvals', (s) => s.view);
  const items = useFeature('approvals', (s) => s.items);
  const cursor = useFeature('approvals', (s) => s.cursor);
  const selected = useFeature('approvals', (s) => s.selected);
  const busy = useFeature('approvals', (s) => s.busy);
  const error = useFeature('approvals', (s) => s.error);
  const notice = useFeature('approvals', (s) => s.notice);
  const reject = useFeature('approvals', (s) => s.reject);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const current = items[cursor] ?? null;

  useEffect(() => {
    void stores.approvals.getState().load();
    const timer = setInterval(() => {
      const s = stores.approvals.getState();
      if (!s.busy && !s.reject) void s.load();
    }, 10_000);
    return () => clearInterval(timer);
  }, [stores]);

  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${cursor}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const approve = async () => {
    if (await stores.approvals.getState().approve()) leaveField();
  };

  const submitReject = async () => {
    if (await stores.approvals.getState().submitReject()) leaveField();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || stores.session.getState().dialogOpen) return;
      const s = stores.approvals.getState();
      if (e.code === 'Escape' && s.reject) {
        e.preventDefault();
        s.cancelReject();
        return;
      }
      if (isField(e.target) || s.reject || e.altKey || e.metaKey) return;
      let taken = true;
      if (e.ctrlKey) {
        if (e.code === 'KeyA') s.selectAll();
        else taken = false;
      } else if (e.code === 'ArrowDown') s.move(1);
      else if (e.code === 'ArrowUp') s.move(-1);
      else if (e.code === 'Home') s.moveTo(0);
      else if (e.code === 'End') s.moveTo(s.items.length - 1);
      else if (e.code === 'Space') s.toggle();
      else if (e.code === 'KeyA' && !e.shiftKey) void approve();
      else if (e.code === 'KeyR' && !e.shiftKey) s.openReject();
      else taken = false;
      if (!taken) return;
      e.preventDefault();
      // A shortcut letter is not the start of a scan.
      stores.receive.getState().resetTyping();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // approve reads the stores when called; binding it once is enough.
  }, [stores]);

  const targets = view === 'pending' ? (selected.length > 0 ? selected.length : current ? 1 : 0) : 0;

  return (
    <div className="approvals">
      <div className="approvals-bar">
        <div className="chips" role="group" aria-label={t('approvals.show')}>
          {(['pending', 'decided'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="chip"
              aria-pressed={view === v}
              onClick={() => void stores.approvals.getState().setView(v)}
              data-view={v}
            >
              {t(`approvals.view.${v}`)}
            </button>
          ))}
        </div>
        <p className="approvals-keys">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('approvals.keys.move')} · <Kbd>Space</Kbd> {t('approvals.keys.tick')} ·{' '}
          <Kbd>A</Kbd> {t('approvals.keys.approve')} · <Kbd>R</Kbd> {t('approvals.keys.reject')}
        </p>
      </div>
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="approvals-notice">
          {t(`approvals.notice.${notice.kind}`, { count: notice.count })}
          {notice.skipped > 0 && ` ${t('approvals.notice.skipped', { count: notice.skipped })}`}
        </p>
      )}
      {error && <ErrorText error={error} />}
      <div className="approvals-columns">
        <div className="approvals-list">
          <table className="table" data-testid="approvals-table">
            <thead>
              <tr>
                <th aria-label={t('approvals.tick')} />
                <th>{t('approvals.unit')}</th>
                <th>{t('approvals.item')}</th>
                <th>{t('approvals.why')}</th>
                <th>{t('approvals.requested')}</th>
                {view === 'decided' && <th>{t('approvals.outcome')}</th>}
              </tr>
            </thead>
            <tbody ref={listRef}>
              {items.map((item, i) => (
                <tr
                  key={item.id}
                  data-index={i}
                  data-approval-id={item.id}
                  aria-selected={i === cursor}
                  className={i === cursor ? 'row-current' : undefined}
                  onClick={() => stores.approvals.getState().moveTo(i)}
                >
                  <td>
                    {view === 'pending' && (
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        checked={selected.includes(item.id)}
                        onChange={() => stores.approvals.getState().toggle(item.id)}
                        aria-label={item.licensePlate}
                      />
                    )}
                  </td>
                  <td className="mono">{item.licensePlate}</td>
                  <td>
                    <div className="cell-strong">{item.name ?? item.sku ?? t('app.none')}</div>
                    <div className="cell-soft">
                      {t('approvals.gradeShort', { grade: item.grade ?? '?' })} · {item.sku ?? ''}
                    </div>
                  </td>
                  <td>{item.scrapReason ? t(`qc.scrap.${item.scrapReason}`) : t('app.none')}</td>
                  <td>
                    <div>{item.requestedBy.name}</div>
                    <div className="cell-soft">{formatDateTime(item.requestedAt, i18n.language)}</div>
                  </td>
                  {view === 'decided' && (
                    <td>
                      <span className={`badge badge-approval-${item.status}`}>
                        {t(`approvals.status.${item.status}`)}
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p className="empty">{t(`approvals.empty.${view}`)}</p>}
        </div>
        <aside className="approvals-side">
          {view === 'pending' && current && !reject && (
            <form
              className="approvals-act"
              onSubmit={(e) => {
                e.preventDefault();
                void approve();
              }}
            >
              <div className="approvals-buttons">
                <button type="submit" className="btn btn-danger" disabled={busy} data-testid="approve">
                  <Kbd>A</Kbd> {t('approvals.approve', { count: targets })}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() => stores.approvals.getState().openReject()}
                  data-testid="reject"
                >
                  <Kbd>R</Kbd> {t('approvals.reject', { count: targets })}
                </button>
              </div>
            </form>
          )}
          {reject && <RejectFormView count={targets} busy={busy} onSubmit={() => void submitReject()} />}
          {current && <ApprovalDetail item={current} />}
        </aside>
      </div>
    </div>
  );
}

function ApprovalDetail({ item }: { item: ApprovalItem }) {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const photos = useFeature('approvals', (s) => s.photos);

  useEffect(() => {
    for (const p of item.photos) void stores.approvals.getState().loadPhoto(p.sha256);
  }, [item, stores]);

  const overridden = item.suggested.disposition !== 'destroy';
  return (
    <section className="approval-detail" data-testid="approval-detail">
      <h2 className="approval-title">
        {item.name ?? item.sku} <span className="mono">{item.licensePlate}</span>
      </h2>
      <dl className="kv">
        <dt>{t('approvals.grade')}</dt>
        <dd>{item.grade ?? t('app.none')}</dd>
        <dt>{t('approvals.why')}</dt>
        <dd>{item.scrapReason ? t(`qc.scrap.${item.scrapReason}`) : t('app.none')}</dd>
        <dt>{t('approvals.reason')}</dt>
        <dd>{item.reason ? t(`qc.reason.${item.reason}`) : t('app.none')}</dd>
        <dt>{t('approvals.suggested')}</dt>
        <dd className={overridden ? 'fact-warn' : undefined} data-testid="approval-suggested">
          {t(`qc.disposition.${item.suggested.disposition}`)}
          {overridden &&
            item.overrideReason &&
            ` — ${t('approvals.overridden', { reason: t(`qc.override.${item.overrideReason}`) })}`}
        </dd>
        {item.serial && (
          <>
            <dt>{t('approvals.serial')}</dt>
            <dd className="mono">{item.serial}</dd>
          </>
        )}
        <dt>{t('approvals.value')}</dt>
        <dd>{item.unitPrice ? `${item.unitPrice.amount} ${item.unitPrice.currency}` : t('app.none')}</dd>
        <dt>{t('approvals.return')}</dt>
        <dd className="mono">{item.platformReturnId ?? t('app.none')}</dd>
        <dt>{t('approvals.requested')}</dt>
        <dd>
          {item.requestedBy.name}, {formatDateTime(item.requestedAt, i18n.language)}
          {item.station.name ? ` · ${item.station.name}` : ''}
        </dd>
        {item.decidedBy && (
          <>
            <dt>{t('approvals.decidedBy')}</dt>
            <dd>
              {item.decidedBy.name}
              {item.rejectReason && ` — ${t(`supervision.rejectReason.${item.rejectReason}`)}`}
              {item.replacedBy &&
                ` → ${t(`qc.disposition.${item.replacedBy.disposition}`)} ${item.replacedBy.location}`}
            </dd>
          </>
        )}
      </dl>
      <div className="approval-photos">
        {item.photos.length === 0 && <p className="fact-warn">{t('approvals.noPhotos')}</p>}
        {item.photos.map((p) => (
          <figure key={p.sha256} className="approval-photo" data-photo={p.sha256}>
            {photos[p.sha256] && photos[p.sha256] !== 'missing' ? (
              <img src={photos[p.sha256]} alt={t(`qc.photoPurpose.${p.purpose}`)} />
            ) : (
              <div className="photo-missing">
                {photos[p.sha256] === 'missing' ? t('approvals.photoGone') : '…'}
              </div>
            )}
            <figcaption>
              {t(`qc.photoPurpose.${p.purpose}`)} · <span className="mono">{p.sha256.slice(0, 10)}</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

function RejectFormView({ count, busy, onSubmit }: { count: number; busy: boolean; onSubmit: () => void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const form = useFeature('approvals', (s) => s.reject);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  if (!form) return null;
  const edit = stores.approvals.getState().editReject;
  return (
    <form
      className="reject-form"
      data-testid="reject-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        // Enter on a list confirms too, so the whole form is done without leaving the keyboard's row.
        if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      <h2>{t('approvals.rejectTitle', { count })}</h2>
      <label className="field">
        <span className="field-label">{t('approvals.rejectReason')}</span>
        <select
          ref={first}
          className="input"
          value={form.reason}
          onChange={(e) => edit({ reason: e.target.value as typeof form.reason })}
          data-testid="reject-reason"
        >
          <option value="">—</option>
          {DESTROY_REJECT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`supervision.rejectReason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('approvals.instead')}</span>
        <select
          className="input"
          value={form.instead}
          onChange={(e) => edit({ instead: e.target.value as typeof form.instead })}
          data-testid="reject-instead"
        >
          <option value="">—</option>
          {INSTEAD_OF_DESTROY.map((d) => (
            <option key={d} value={d}>
              {t(`qc.disposition.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {form.instead === 'restock' && (
        <label className="field">
          <span className="field-label">{t('approvals.bin')}</span>
          <input
            className="input mono"
            value={form.bin}
            onChange={(e) => edit({ bin: e.target.value })}
            data-testid="reject-bin"
          />
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('approvals.note')}</span>
        <input
          className="input"
          value={form.note}
          maxLength={500}
          onChange={(e) => edit({ note: e.target.value })}
          data-testid="reject-note"
        />
      </label>
      <div className="approvals-buttons">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="reject-submit">
          <Kbd>Enter</Kbd> {t('approvals.rejectSubmit')}
        </button>
        <button type="button" className="btn" onClick={() => stores.approvals.getState().cancelReject()}>
          <Kbd>Esc</Kbd> {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
