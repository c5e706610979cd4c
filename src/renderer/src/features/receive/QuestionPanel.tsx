import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { Kbd } from '../../ui/Kbd';
import { formatTime } from '../../ui/format';

/** A question before anything is written: which return(s) to receive, or what to do with an unknown code. */
export function QuestionPanel() {
  const { t, i18n } = useTranslation();
  const question = useFeature('receive', (s) => s.question);
  const search = useFeature('receive', (s) => s.search);
  const ref = useRef<HTMLInputElement>(null);
  const cancel = useFeature('receive', (s) => s.cancelQuestion);
  const results = question?.kind === 'search' ? question.results.length : 0;
  // Focus in the field to type; out of it once results are in, so a digit picks one.
  useEffect(() => {
    if (question?.kind === 'search' && results === 0) ref.current?.focus();
    else ref.current?.blur();
  }, [question?.kind, results]);
  if (!question) return null;

  if (question.kind === 'unknown_code') {
    return (
      <div className="question" data-testid="question" data-kind="unknown_code">
        <h2 className="next-title">{t('receive.question.unknown', { code: question.code })}</h2>
        <ul className="hints">
          <li className="hint">
            <Kbd>Enter</Kbd> {t('receive.keys.unexpected')}
          </li>
          <li className="hint">
            <Kbd>Esc</Kbd> {t('receive.keys.scanAgain')}
          </li>
        </ul>
      </div>
    );
  }
  const list = question.kind === 'search' ? question.results : question.candidates;
  return (
    <div className="question" data-testid="question" data-kind={question.kind}>
      {question.kind === 'search' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void search(ref.current?.value ?? '');
          }}
        >
          <label className="field">
            <span className="field-label">{t('receive.search.label')}</span>
            <input
              ref={ref}
              className="input"
              data-testid="search-input"
              defaultValue={question.query}
              maxLength={80}
              onKeyDown={(e) => {
                if (e.key === 'Escape') cancel();
              }}
            />
          </label>
        </form>
      ) : (
        <h2 className="next-title">
          {t(question.kind === 'other_buyer' ? 'receive.question.otherBuyer' : 'receive.question.choose', {
            count: list.length,
          })}
        </h2>
      )}
      <ol className="candidates" data-testid="candidates">
        {list.map((c, i) => (
          <li key={c.id} data-status={c.status}>
            <Kbd>{String(i + 1)}</Kbd>
            <span className="candidate-id">{c.platformReturnId}</span>
            <span className="candidate-buyer">{c.buyerName ?? t('receive.unknownBuyer')}</span>
            <span>{t('receive.itemCount', { count: c.itemCount })}</span>
            <span className={`badge status-${c.status}`}>
              {t(`returnStatus.${c.status}`, { defaultValue: c.status })}
            </span>
            {c.returnTrackingNumber && <span className="candidate-tracking">{c.returnTrackingNumber}</span>}
            {c.receivedAt && (
              <span className="candidate-received">
                {t('receive.receivedAt', {
                  time: formatTime(c.receivedAt, i18n.language),
                  by: c.receivedBy ?? t('app.none'),
                })}
              </span>
            )}
          </li>
        ))}
      </ol>
      <ul className="hints">
        {question.kind !== 'search' && (
          <li className="hint">
            <Kbd>Enter</Kbd> {t('receive.keys.receiveAll', { count: list.length })}
          </li>
        )}
        <li className="hint">
          <Kbd>Esc</Kbd> {t('app.cancel')}
        </li>
      </ul>
    </div>
  );
}
