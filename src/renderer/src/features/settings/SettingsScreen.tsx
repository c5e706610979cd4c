import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { isSupervisor } from '../session/session-store';
import { LOCALES } from '../../i18n/locales';
import { ErrorText } from '../../ui/ErrorText';
import { CarrierAccountsSection } from '../carrier-accounts/CarrierAccountsSection';
import { STATION_SCALE_KINDS } from '../../../../shared/scales/station-scale-settings';
import type { SettingsDraft } from './settings-store';
import './settings.css';

export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useFeature('settings', (s) => s.settings);
  const draft = useFeature('settings', (s) => s.draft);
  const saving = useFeature('settings', (s) => s.saving);
  const saved = useFeature('settings', (s) => s.saved);
  const error = useFeature('settings', (s) => s.error);
  const edit = useFeature('settings', (s) => s.edit);
  const saveDraft = useFeature('settings', (s) => s.saveDraft);
  const setLanguage = useFeature('settings', (s) => s.setLanguage);
  const setSound = useFeature('settings', (s) => s.setSound);
  const setPackPhoto = useFeature('settings', (s) => s.setPackPhoto);
  const supervisor = useFeature('session', isSupervisor);
  const newStationLink = useFeature('settings', (s) => s.newStationLink);
  const keyError = useFeature('settings', (s) => s.keyError);
  const rotateStationKey = useFeature('settings', (s) => s.rotateStationKey);

  if (!settings) return error ? <ErrorText error={error} /> : <p>{t('app.loading')}</p>;

  return (
    <div className="settings-screen">
      <h1 className="screen-title">{t('settings.title')}</h1>
      <fieldset className="setting">
        <legend className="field-label">{t('settings.language')}</legend>
        <div className="segmented" role="radiogroup">
          {LOCALES.map((l) => (
            <button
              key={l.code}
              type="button"
              role="radio"
              lang={l.code}
              aria-checked={settings.language === l.code}
              className="segment"
              onClick={() => void setLanguage(l.code)}
              data-language={l.code}
            >
              {l.nativeName}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="setting">
        <legend className="field-label">{t('settings.sound')}</legend>
        <div className="segmented" role="radiogroup">
          <button
            type="button"
            role="radio"
            aria-checked={settings.sound}
            className="segment"
            onClick={() => void setSound(true)}
          >
            {t('settings.soundOn')}
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={!settings.sound}
            className="segment"
            onClick={() => void setSound(false)}
          >
            {t('settings.soundOff')}
          </button>
        </div>
      </fieldset>
      <fieldset className="setting" data-testid="setting-pack-photo">
        <legend className="field-label">{t('settings.packPhoto')}</legend>
        <div className="segmented" role="radiogroup">
          {(['required', 'none'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={settings.packPhotoRequired === value}
              className="segment"
              data-value={value}
              onClick={() => void setPackPhoto(value)}
            >
              {t(`settings.packPhoto_${value}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveDraft();
        }}
      >
        <label className="field">
          <span className="field-label">{t('settings.stationName')}</span>
          <input
            className="input"
            name="stationName"
            maxLength={40}
            value={draft.stationName}
            onChange={(e) => edit({ stationName: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.staleHours')}</span>
          <input
            className="input input-number"
            name="staleTrackingHours"
            inputMode="numeric"
            value={draft.staleTrackingHours}
            onChange={(e) => edit({ staleTrackingHours: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.idleMinutes')}</span>
          <input
            className="input input-number"
            name="supervisorIdleMinutes"
            inputMode="numeric"
            value={draft.supervisorIdleMinutes}
            onChange={(e) => edit({ supervisorIdleMinutes: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.qcUndoMinutes')}</span>
          <input
            className="input input-number"
            name="qcUndoMinutes"
            inputMode="numeric"
            value={draft.qcUndoMinutes}
            onChange={(e) => edit({ qcUndoMinutes: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.scaleKind')}</span>
          <select
            className="input"
            name="scaleKind"
            value={draft.scaleKind}
            onChange={(e) => edit({ scaleKind: e.target.value as SettingsDraft['scaleKind'] })}
          >
            {STATION_SCALE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`settings.scaleKinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('settings.scaleAddress')}</span>
          <input
            className="input"
            name="scaleAddress"
            maxLength={200}
            placeholder="tcp://127.0.0.1:4001"
            spellCheck={false}
            value={draft.scaleAddress}
            onChange={(e) => edit({ scaleAddress: e.target.value })}
          />
          <span className="settings-guarded">{t('settings.scaleAddressHint')}</span>
        </label>
        {!supervisor && (
          <p className="settings-guarded" data-testid="settings-guarded">
            {t('settings.supervisorOnly')}
          </p>
        )}
        <div className="settings-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {t('settings.save')}
          </button>
          {saved && !error && (
            <span className="saved" role="status">
              {t('settings.saved')}
            </span>
          )}
        </div>
      </form>
      {error && <ErrorText error={error} />}
      <section className="setting station-key" aria-labelledby="station-key-title">
        <h2 id="station-key-title" className="field-label">
          {t('settings.stationKey')}
        </h2>
        <p className="settings-guarded">{t('settings.stationKeyHint')}</p>
        <button type="button" className="btn" onClick={() => void rotateStationKey()}>
          {t('settings.rotateKey')}
        </button>
        {newStationLink && (
          <p className="station-link" data-testid="new-station-link">
            {t('settings.newLink')} <code>{newStationLink}</code>
          </p>
        )}
        {keyError && <ErrorText error={keyError} />}
      </section>
      <CarrierAccountsSection />
    </div>
  );
}
