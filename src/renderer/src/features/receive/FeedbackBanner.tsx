import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { carrierDisplayName } from '../../../../shared/codes/carrier-formats';
import type { QcFeedback } from '../../../../shared/returns/qc-views';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { formatTime } from '../../ui/format';

const ICON = { ok: '✓', warning: '!', error: '✕', info: 'i' } as const;

/** Parameters that are codes, and where their words are. */
const VALUE_TEXTS: Record<string, string> = {
  disposition: 'qc.disposition',
  condition: 'qc.condition',
  reason: 'qc.reason',
  scrapReason: 'qc.scrap',
  decision: 'qc.receiptDecision',
  what: 'receive.undoWhat',
  status: 'parcelStatus',
  direction: 'direction',
  question: 'qc.questionShort',
  answer: 'qc.answer',
  purpose: 'qc.photoPurpose',
  suggested: 'qc.disposition',
};

/** The feedback's parameters in words: codes translated, the carrier named, times formatted. */
function words(feedback: QcFeedback, t: TFunction, language: string): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = { ...feedback.params };
  for (const [key, prefix] of Object.entries(VALUE_TEXTS)) {
    const value = params[key];
    if (typeof value === 'string') params[key] = t(`${prefix}.${value}`, { defaultValue: value });
  }
  if ('carrier' in params) {
    params.carrier =
      typeof params.carrier === 'string' ? carrierDisplayName(params.carrier) : t('receive.carrierUnknown');
  }
  if (typeof params.at === 'number') params.at = formatTime(params.at, language);
  if (params.buyer === null) params.buyer = t('receive.unknownBuyer');
  if (params.by === null) params.by = t('app.none');
  return params;
}

/** The second line: what the scan is, when the title alone does not say it. */
function detail(feedback: QcFeedback, t: TFunction): string | null {
  const p = feedback.params;
  if (feedback.kind === 'received') {
    if (p.matchedBy === 'outbound_label') {
      return t('receive.detail.outboundLabel', { returnTracking: p.returnTracking ?? t('app.none') });
    }
    if (p.matchedBy && p.matchedBy !== 'return_tracking' && p.matchedBy !== 'return_parcel') {
      return t('receive.detail.foundBy', { by: t(`receive.matchedBy.${String(p.matchedBy)}`) });
    }
    return null;
  }
  if (feedback.kind === 'not_a_return' && feedback.parcel) {
    return t('receive.notReturnDetail', {
      carrier: carrierDisplayName(feedback.parcel.carrier),
      status: t(`parcelStatus.${feedback.parcel.status}`),
      direction: t(`direction.${feedback.parcel.direction}`),
    });
  }
  if (feedback.kind === 'already_received') {
    return t(p.open === 1 ? 'receive.detail.stillOpen' : 'receive.detail.alreadyDone');
  }
  return null;
}

/**
 * The answer to the last scan or key, in its colour: what was scanned (as it arrived, GS shown),
 * what it is, what happened. Numbered, and dimmed while the next scan is being read, so an old
 * answer never passes for the new one; a scan that was not recorded always says so.
 */
export function FeedbackBanner() {
  const { t, i18n } = useTranslation();
  const feedback = useFeature('receive', (s) => s.feedback);
  const refusal = useFeature('receive', (s) => s.refusal);
  const scanned = useFeature('receive', (s) => s.scanned);
  const raw = useFeature('receive', (s) => s.raw);
  const seq = useFeature('receive', (s) => s.seq);
  const approverBadge = useFeature('receive', (s) => s.approverBadge);
  // After a restart the bench resumes an open parcel: "scan the parcel's label" would be wrong.
  const parcelOpen = useFeature('receive', (s) => Boolean(s.qc?.receipt));
  const reading = useFeature('receive', (s) => s.reading);
  const busy = useFeature('receive', (s) => s.inFlight > 0);
  const stale = reading || busy;
  const code = scanned && (
    <p className="banner-code" data-testid="scanned-code">
      {t('receive.scanned', { code: scanned })}
    </p>
  );
  const seqMark = (
    <span className="banner-seq" data-testid="feedback-seq">
      #{seq}
    </span>
  );

  if (refusal) {
    const tone = refusal.kind === 'hint' ? 'warning' : 'error';
    return (
      <section
        className={`banner banner-${tone}`}
        data-testid="feedback"
        data-tone={tone}
        data-kind={refusal.kind === 'error' ? refusal.error.code : refusal.kind}
        data-recorded="false"
        data-seq={seq}
        data-stale={stale}
      >
        <span className="banner-icon" aria-hidden="true">
          {ICON[tone]}
        </span>
        <div className="banner-body">
          {code}
          <p className="banner-title" data-testid="feedback-title">
            {t(refusal.kind === 'hint' ? 'receive.nothingRecorded' : 'receive.notRecorded')}
          </p>
          {refusal.kind === 'error' && <ErrorText error={refusal.error} className="banner-message" />}
          {refusal.kind === 'ime' && (
            <p className="banner-message" role="alert" data-error-code="IME">
              {t('scan.imeHint')}
            </p>
          )}
          {refusal.kind === 'hint' && (
            <p className="banner-message" role="alert">
              {t(refusal.hint)}
            </p>
          )}
          {raw && <p className="banner-raw">{t('scan.rawCode', raw)}</p>}
        </div>
        {seqMark}
      </section>
    );
  }
  if (!feedback && approverBadge) {
    // A badge at the approval step is not recorded by itself: the PIN and Enter approve.
    return (
      <section
        className="banner banner-info"
        data-testid="feedback"
        data-tone="info"
        data-kind="badge_read"
        data-recorded="false"
        data-seq={seq}
        data-stale={stale}
      >
        <span className="banner-icon" aria-hidden="true">
          {ICON.info}
        </span>
        <div className="banner-body">
          {code}
          <p className="banner-title" data-testid="feedback-title">
            {t('receive.approval.badgeRead')}
          </p>
        </div>
        {seqMark}
      </section>
    );
  }
  if (!feedback) {
    return (
      <section className="banner banner-idle" data-testid="feedback" data-tone="idle" data-seq={seq}>
        <p className="banner-title">{t(parcelOpen ? 'receive.readyOpen' : 'receive.ready')}</p>
      </section>
    );
  }
  // Not a return here (an outbound parcel): its own colour and words, never the green of a return.
  const tone = feedback.kind === 'not_a_return' ? 'info' : feedback.tone;
  const more = detail(feedback, t);
  return (
    <section
      className={`banner banner-${tone}`}
      data-testid="feedback"
      data-tone={tone}
      data-kind={feedback.kind}
      data-recorded="true"
      data-seq={seq}
      data-stale={stale}
    >
      <span className="banner-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <div className="banner-body">
        {code}
        <p className="banner-title" data-testid="feedback-title">
          {t(`receive.feedback.${feedback.kind}`, words(feedback, t, i18n.language))}
        </p>
        {more && (
          <p className="banner-message" data-testid="feedback-detail">
            {more}
          </p>
        )}
      </div>
      {seqMark}
    </section>
  );
}
