import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { RecentScans } from './RecentScans';
import { ScanResultPanel } from './ScanResultPanel';
import './scan.css';

export function ScanScreen() {
  const { t } = useTranslation();
  const stores = useStores();
  const text = useFeature('scan', (s) => s.text);
  const busy = useFeature('scan', (s) => s.inFlight > 0);
  const setText = useFeature('scan', (s) => s.setText);
  const submitTyped = useFeature('scan', (s) => s.submitTyped);
  useEffect(() => void stores.scan.getState().loadRecent(), [stores]);

  return (
    <div className="scan-screen">
      <form
        className="scan-entry"
        onSubmit={(e) => {
          e.preventDefault();
          submitTyped();
        }}
      >
        <label className="scan-field">
          <span className="field-label">{t('scan.inputLabel')}</span>
          <input
            data-scan-field=""
            className="input scan-input"
            data-testid="scan-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="btn btn-primary btn-scan" disabled={busy && text.length === 0}>
          {busy ? t('scan.recording') : t('scan.record')}
        </button>
      </form>
      <div className="scan-body">
        <div className="panel-live" aria-live="polite">
          <ScanResultPanel />
        </div>
        <RecentScans />
      </div>
    </div>
  );
}
