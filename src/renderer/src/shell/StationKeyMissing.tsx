import { useTranslation } from 'react-i18next';

/** The station refused this page's key: what to do, in full, instead of any screen. */
export function StationKeyMissing() {
  const { t } = useTranslation();
  return (
    <section
      className="station-key-missing"
      role="alert"
      data-testid="station-key-missing"
      data-error-code="UNAUTHORIZED"
    >
      <h1 className="screen-title">{t('app.keyMissing')}</h1>
      <p>{t('app.keyMissingWhy')}</p>
      <pre className="key-missing-command">lastmile station --print-url --data DIR</pre>
      <p>{t('app.keyMissingAsk')}</p>
    </section>
  );
}
