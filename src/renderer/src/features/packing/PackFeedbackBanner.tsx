import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';

/** A line (primary / backup) in words; every other parameter as it is. */
function words(params: Record<string, string | number>, t: TFunction): Record<string, string | number> {
  const out = { ...params };
  if (typeof out.line === 'string') out.line = t(`packing.route.${out.line}`);
  return out;
}

const ICON = { ok: '✓', warning: '!', error: '✕', info: 'i', idle: '' } as const;

/**
 * The answer to the last scan, key or weight: green, amber or red with its sound, numbered and
 * dimmed while the next scan is read. A refused scan (a wrong item) is red and says so in words.
 */
export function PackFeedbackBanner() {
  const { t } = useTranslation();
  const feedback = useFeature('packing', (s) => s.feedback);
  const refusal = useFeature('packing', (s) => s.refusal);
  const scanned = useFeature('packing', (s) => s.scanned);
  const seq = useFeature('packing', (s) => s.seq);
  const stale = useFeature('packing', (s) => s.reading || s.inFlight > 0);
  const tone = refusal ? (refusal.kind === 'hint' ? 'warning' : 'error') : (feedback?.tone ?? 'idle');
  const kind = refusal
    ? refusal.kind === 'error'
      ? refusal.error.code
      : refusal.kind
    : (feedback?.kind ?? 'idle');
  return (
    <section
      className={`banner banner-${tone}`}
      data-testid="pack-feedback"
      data-tone={tone}
      data-kind={kind}
      data-seq={seq}
      data-stale={stale}
    >
      {tone !== 'idle' && (
        <span className="banner-icon" aria-hidden="true">
          {ICON[tone]}
        </span>
      )}
      <div className="banner-body">
        {scanned && (
          <p className="banner-code" data-testid="pack-scanned">
            {scanned}
          </p>
        )}
        {refusal ? (
          <>
            <p className="banner-title">
              {t(refusal.kind === 'hint' ? 'packing.nothingDone' : 'packing.refused')}
            </p>
            {refusal.kind === 'error' && <ErrorText error={refusal.error} className="banner-message" />}
            {refusal.kind === 'ime' && (
              <p className="banner-message" role="alert">
                {t('scan.imeHint')}
              </p>
            )}
            {refusal.kind === 'hint' && (
              <p className="banner-message" role="alert">
                {t(refusal.hint)}
              </p>
            )}
          </>
        ) : feedback ? (
          <p className="banner-title" data-testid="pack-feedback-title">
            {t(`packing.feedback.${feedback.kind}`, words(feedback.params, t))}
          </p>
        ) : (
          <p className="banner-title">{t('packing.ready')}</p>
        )}
      </div>
      {seq > 0 && <span className="banner-seq">#{seq}</span>}
    </section>
  );
}
