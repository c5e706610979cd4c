import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { Kbd } from '../../ui/Kbd';
import { formatDeadlineShort } from '../../ui/format';
import { isField, leaveField } from '../supervisor/fields';
import './cutoffs.css';

const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/** A weekday's short name in the screen's language (4 January 2026 was a Sunday). */
function weekdayName(day: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
    Date.UTC(2026, 0, 4 + day, 12),
  );
}

/**
 * Parcels packed but not handed over by their carrier's cut-off, for the supervisor: ↑ ↓ select,
 * N next pickup, O acknowledge with a note, R rebook on another line, Enter confirms, Esc backs
 * out; E edits the selected parcel's cut-off. Below, the cut-off table itself (Tab to a row, Enter
 * edits it).
 */
export function CutoffsTab() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const items = useFeature('cutoffs', (s) => s.items);
  const cursor = useFeature('cutoffs', (s) => s.cursor);
  const pending = useFeature('cutoffs', (s) => s.pending);
  const note = useFeature('cutoffs', (s) => s.note);
  const table = useFeature('cutoffs', (s) => s.table);
  const draft = useFeature('cutoffs', (s) => s.draft);
  const busy = useFeature('cutoffs', (s) => s.busy);
  const error = useFeature('cutoffs', (s) => s.error);
  const notice = useFeature('cutoffs', (s) => s.notice);
  const noteRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);
  const current = items[cursor] ?? null;
  const lang = i18n.language;

  useEffect(() => {
    void stores.cutoffs.getState().load();
    const timer = setInterval(() => {
      const s = stores.cutoffs.getState();
      if (!s.busy && !s.pending && !s.draft) void s.load();
    }, 15_000);
    return () => clearInterval(timer);
  }, [stores]);

  useEffect(() => {
    if (pending === 'note') noteRef.current?.focus();
  }, [pending]);

  const draftKey = draft ? `${draft.carrier}|${draft.market}` : null;
  useEffect(() => {
    if (draftKey) timeRef.current?.focus();
  }, [draftKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || stores.session.getState().dialogOpen) return;
      const s = stores.cutoffs.getState();
      if (e.code === 'Escape' && (s.pending || s.draft)) {
        e.preventDefault();
        s.cancel();
        leaveField();
        return;
      }
      if (isField(e.target) || s.draft || e.altKey || e.metaKey || e.ctrlKey || e.shiftKey) return;
      let taken = true;
      if (e.code === 'ArrowDown') s.move(1);
      else if (e.code === 'ArrowUp') s.move(-1);
      else if (e.code === 'KeyN') s.choose('next_pickup');
      else if (e.code === 'KeyO') s.choose('note');
      else if (e.code === 'KeyR') s.choose('rebook');
      else if (e.code === 'KeyE') s.edit();
      else if (e.code === 'Enter' && s.pending) void s.confirm();
      else taken = false;
      if (!taken) return;
      e.preventDefault();
      // A shortcut letter is not the start of a scan.
      stores.receive.getState().resetTyping();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores]);

  const s = stores.cutoffs.getState();

  return (
    <div className="cutoffs">
      <p className="cutoffs-keys">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('cutoffs.keys.move')} · <Kbd>N</Kbd> {t('cutoffs.action.next_pickup')} ·{' '}
        <Kbd>O</Kbd> {t('cutoffs.action.note')} · <Kbd>R</Kbd> {t('cutoffs.action.rebook')} · <Kbd>Enter</Kbd>{' '}
        {t('cutoffs.keys.confirm')} · <Kbd>E</Kbd> {t('cutoffs.keys.edit')}
      </p>
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="cutoffs-notice">
          {t(`cutoffs.notice.${notice.kind}`, { orderRef: notice.orderRef })}
        </p>
      )}
      {error && <ErrorText error={error} />}
      {items.length === 0 ? (
        <p className="empty" data-testid="cutoffs-empty">
          {t('cutoffs.none')}
        </p>
      ) : (
        <table className="table cutoffs-table" data-testid="cutoffs-table">
          <thead>
            <tr>
              <th>{t('cutoffs.col.order')}</th>
              <th>{t('cutoffs.col.carrier')}</th>
              <th>{t('cutoffs.col.packedAt')}</th>
              <th>{t('cutoffs.col.cutoff')}</th>
              <th>{t('cutoffs.col.nextPickup')}</th>
              <th>{t('cutoffs.col.risk')}</th>
              <th>{t('cutoffs.col.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e, i) => (
              <tr
                key={e.packageId}
                className={i === cursor ? 'row-current' : undefined}
                aria-selected={i === cursor}
                data-package-id={e.packageId}
                data-risk={e.risk.status}
                onClick={() => s.select(i)}
              >
                <td className="mono cutoffs-order">
                  {e.orderRef}
                  <div className="cell-soft">{e.trackingNumber ?? t('cutoffs.noLabel')}</div>
                </td>
                <td>
                  {e.carrierName}
                  <div className="cell-soft">{e.market}</div>
                </td>
                <td>{formatDeadlineShort(e.packedAt, lang)}</td>
                <td className="cutoffs-missed">{formatDeadlineShort(e.cutoffAt, lang)}</td>
                <td>{formatDeadlineShort(e.nextPickupAt, lang)}</td>
                <td>
                  <span className="cutoffs-risk">{t(`packing.risk.${e.risk.status}`)}</span>
                </td>
                <td data-testid="cutoff-resolution">
                  {e.resolution ? (
                    <>
                      <strong>{t(`cutoffs.resolved.${e.resolution.action}`)}</strong>
                      {e.resolution.note && <div className="cutoffs-note">“{e.resolution.note}”</div>}
                      <div className="cell-soft">
                        {e.resolution.by.name}, {formatDeadlineShort(e.resolution.at, lang)}
                      </div>
                    </>
                  ) : (
                    <span className="cutoffs-open">{t('cutoffs.open')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && pending && (
        <form
          className="cutoffs-confirm"
          data-testid="cutoffs-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void s.confirm().then((ok) => ok && leaveField());
          }}
        >
          <p className="cutoffs-confirm-text">
            {t(`cutoffs.confirm.${pending}`, { orderRef: current.orderRef, carrier: current.carrierName })}
          </p>
          {pending === 'note' && (
            <label className="field">
              <span className="field-label">{t('cutoffs.noteLabel')}</span>
              <input
                ref={noteRef}
                className="input"
                value={note}
                maxLength={500}
                onChange={(e) => s.setNote(e.target.value)}
              />
            </label>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('cutoffs.confirmButton')} <Kbd>Enter</Kbd>
          </button>
        </form>
      )}
      <h2 className="cutoffs-heading">{t('cutoffs.tableTitle')}</h2>
      <div className="cutoffs-columns">
        <table className="table table-compact" data-testid="cutoff-rows">
          <thead>
            <tr>
              <th>{t('cutoffs.col.carrier')}</th>
              <th>{t('cutoffs.col.market')}</th>
              <th>{t('cutoffs.col.lastPickup')}</th>
              <th>{t('cutoffs.col.days')}</th>
              <th>{t('cutoffs.col.source')}</th>
            </tr>
          </thead>
          <tbody>
            {table.map((r) => (
              <tr
                key={`${r.carrier}|${r.market}`}
                data-origin={r.origin}
                tabIndex={0}
                onClick={() => s.edit(r)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  s.edit(r);
                }}
              >
                <td>{r.carrier === '*' ? t('cutoffs.anyCarrier') : r.carrierName}</td>
                <td>{r.market === '*' ? t('cutoffs.anyMarket') : r.market}</td>
                <td className="mono">{r.lastPickup}</td>
                <td>
                  {r.days === null && <span className="cell-soft">{t('cutoffs.workingWeek')} </span>}
                  {r.pickupDays.map((d) => weekdayName(d, lang)).join(' ')}
                </td>
                <td className="cell-soft">
                  {r.origin === 'override'
                    ? t('cutoffs.source.station', { name: r.updatedBy?.name ?? '' })
                    : t(`cutoffs.source.${r.sourceKind}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {draft && (
          <form
            className="cutoffs-edit"
            data-testid="cutoff-edit"
            onSubmit={(e) => {
              e.preventDefault();
              void s.saveDraft().then((ok) => ok && leaveField());
            }}
          >
            <p className="cutoffs-confirm-text">
              {draft.carrier === '*' ? t('cutoffs.anyCarrier') : draft.carrier} ·{' '}
              {draft.market === '*' ? t('cutoffs.anyMarket') : draft.market}
            </p>
            <label className="field">
              <span className="field-label">{t('cutoffs.col.lastPickup')}</span>
              <input
                ref={timeRef}
                className="input mono"
                value={draft.lastPickup}
                maxLength={5}
                placeholder="17:00"
                onChange={(e) => s.editDraft({ lastPickup: e.target.value })}
              />
            </label>
            <fieldset className="cutoffs-days">
              <legend className="field-label">{t('cutoffs.col.days')}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={draft.days === null}
                  onChange={(e) => s.setWorkingWeek(e.target.checked)}
                />{' '}
                {t('cutoffs.workingWeek')}
              </label>
              {draft.days !== null &&
                WEEK.map((d) => (
                  <label key={d}>
                    <input
                      type="checkbox"
                      checked={draft.days?.includes(d) ?? false}
                      onChange={() => s.toggleDay(d)}
                    />{' '}
                    {weekdayName(d, lang)}
                  </label>
                ))}
            </fieldset>
            <div className="cutoffs-edit-buttons">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('cutoffs.save')} <Kbd>Enter</Kbd>
              </button>
              {draft.override && (
                <button type="button" className="btn" disabled={busy} onClick={() => void s.resetDraft()}>
                  {t('cutoffs.reset')}
                </button>
              )}
              <span className="cell-soft">
                <Kbd>Esc</Kbd> {t('cutoffs.keys.cancel')}
              </span>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
