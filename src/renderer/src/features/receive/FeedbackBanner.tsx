import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';

const ICON = { ok: '✓', warning: '!', error: '✕', info: 'i' } as const;

/** Parameters that are codes, and where their words are. */
const VALUE_TEXTS: Record<string, string> = {
  disposition: 'qc.disposition',
  condition: 'qc.condition',
  reason: 'qc.reason',
  decision: 'qc.receiptDecision',
  what: 'receive.undoWhat',
  status: 'parcelStatus',
  question: 'qc.questionShort',
  answer: 'qc.answer',
  purpose: 'qc.photoPurpose',
};

/**
 * The answer to the last scan or key, in its colour: what was scanned (as it arrived, GS shown),
 * what it is, what happened. Numbered, and dimmed while the next scan is being read, so an old
 * answer never passes for the new one.
 */
export function FeedbackBanner() {
  const { t } = useTranslation();
  const feedback = useFeature('receive', (s) => s.feedback);
  const error = useFeature('receive', (s) => s.error);
  const raw = useFeature('receive', (s) => s.raw);
  const seq = useFeature('receive', (s) => s.seq);
  const reading = useFeature('receive', (s) => s.reading);
  const busy = useFeature('receive', (s) => s.inFlight > 0);
  const stale = reading || busy;

  if (error) {
    return (
      <section
        className="banner banner-error"
        data-testid="feedback"
        data-tone="error"
        data-seq={seq}
        data-stale={stale}
      >
        <span className="banner-icon" aria-hidden="true">
          {ICON.error}
        </span>
        <div className="banner-body">
          <p className="banner-title">{t('receive.notRecorded')}</p>
          <ErrorText error={error} className="banner-message" />
          {raw && <p className="banner-raw">{t('scan.rawCode', raw)}</p>}
        </div>
      </section>
    );
  }
  if (!feedback) {
    return (
      <section className="banner banner-idle" data-testid="feedback" data-tone="idle" data-seq={seq}>
        <p className="banner-title">{t('receive.ready')}</p>
      </section>
    );
  }
  const tone = feedback.kind === 'not_a_return' ? 'info' : feedback.tone;
  const params = { ...feedback.params };
  for (const [key, prefix] of Object.entries(VALUE_TEXTS)) {
    const value = params[key];
    if (typeof value === 'string') params[key] = t(`${prefix}.${value}`, { defaultValue: value });
  }
  return (
    <section
      className={`banner banner-${tone}`}
      data-testid="feedback"
      data-tone={tone}
      data-kind={feedback.kind}
      data-seq={seq}
      data-stale={stale}
    >
      <span className="banner-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <div className="banner-body">
        {feedback.scannedCode && (
          <p className="banner-code" data-testid="scanned-code">
            {t('receive.scanned', { code: feedback.scannedCode })}
          </p>
        )}
        <p className="banner-title" data-testid="feedback-title">
          {t(`receive.feedback.${feedback.kind}`, params)}
        </p>
        {feedback.parcel && (
          <p className="banner-message" data-testid="not-return-detail">
            {t('receive.notReturnDetail', {
              carrier: feedback.parcel.carrier,
              status: t(`parcelStatus.${feedback.parcel.status}`),
              direction: t(`direction.${feedback.parcel.direction}`),
            })}
          </p>
        )}
      </div>
      <span className="banner-seq">#{seq}</span>
    </section>
  );
}
