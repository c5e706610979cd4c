import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';

/**
 * A route as a supervisor edits it: country and optional seller, then the primary and backup
 * carrier accounts. Enter saves, Escape closes; the station checks the lines.
 */
export function RouteForm() {
  const { t } = useTranslation();
  const draft = useFeature('routes', (s) => s.draft);
  const lines = useFeature('routes', (s) => s.status?.lines ?? []);
  const saving = useFeature('routes', (s) => s.saving);
  const formError = useFeature('routes', (s) => s.formError);
  const change = useFeature('routes', (s) => s.change);
  const save = useFeature('routes', (s) => s.save);
  const cancel = useFeature('routes', (s) => s.cancelEdit);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const existing = draft?.existing ?? false;

  useEffect(() => first.current?.focus(), [existing]);
  if (!draft) return null;

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
      // A select does not submit its form on Enter by itself; here it does, like the text fields.
      e.preventDefault();
      void save();
    }
  };
  return (
    <form
      className="route-form"
      data-testid="route-form"
      aria-labelledby="route-form-title"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="route-form-title">{t(existing ? 'routes.form.editTitle' : 'routes.form.newTitle')}</h3>
      <div className="route-form-fields">
        <label>
          <span>{t('routes.form.country')}</span>
          <input
            ref={existing ? undefined : first}
            value={draft.country}
            maxLength={2}
            required
            disabled={existing}
            autoComplete="off"
            onChange={(e) => change({ country: e.target.value })}
          />
        </label>
        <label>
          <span>{t('routes.form.seller')}</span>
          <input
            value={draft.sellerId}
            disabled={existing}
            placeholder={t('routes.form.everySeller')}
            autoComplete="off"
            onChange={(e) => change({ sellerId: e.target.value })}
          />
        </label>
        <label>
          <span>{t('routes.primary')}</span>
          <select
            ref={existing ? first : undefined}
            value={draft.primary}
            required
            onChange={(e) => change({ primary: e.target.value })}
          >
            <option value="">{t('routes.form.choose')}</option>
            {lines.map((line) => (
              <option key={line} value={line}>
                {line}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('routes.backup')}</span>
          <select value={draft.backup} onChange={(e) => change({ backup: e.target.value })}>
            <option value="">{t('routes.form.noBackup')}</option>
            {lines.map((line) => (
              <option key={line} value={line}>
                {line}
              </option>
            ))}
          </select>
        </label>
      </div>
      {formError && <ErrorText error={formError} />}
      <div className="route-form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {t('routes.form.save')}
        </button>
        <button type="button" className="btn" onClick={cancel}>
          {t('routes.form.cancel')}
        </button>
      </div>
    </form>
  );
}
