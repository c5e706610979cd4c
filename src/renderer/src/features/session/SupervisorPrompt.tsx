import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPrivileged } from '../../../../shared/roles';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { useSecondsLeft, withSecondsLeft } from '../../ui/use-seconds-left';
import { PinField } from './PinField';
import { UserPicker } from './UserPicker';
import { useBadgeScan } from './use-badge-scan';
import './session.css';

/**
 * A supervisor approves one action at someone else's screen: badge scan (or their name) and their
 * PIN. Nobody is signed in by it. Opened by `authorize(...)` (step-up.ts) from any feature.
 */
export function SupervisorPrompt() {
  const { t } = useTranslation();
  const request = useFeature('session', (s) => s.stepUp);
  const users = useFeature('session', (s) => s.users);
  const submit = useFeature('session', (s) => s.submitStepUp);
  const cancel = useFeature('session', (s) => s.cancelStepUp);
  const supervisors = users.filter((u) => isPrivileged(u.role));
  const [userId, setUserId] = useState<string | null>(null);
  const [badge, setBadge] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);
  const chosen = userId ?? supervisors[0]?.id ?? null;
  const left = useSecondsLeft(request?.error ?? null, request?.errorAt ?? 0);
  const shown = withSecondsLeft(request?.error ?? null, left);
  const focusPin = (): void => pinRef.current?.focus();

  useBadgeScan((code) => {
    setBadge(code);
    setPin('');
    focusPin();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cancel]);

  useEffect(focusPin, [supervisors.length, badge]);
  // A wrong PIN: type it again.
  useEffect(() => {
    if (request?.error) {
      setPin('');
      focusPin();
    }
  }, [request?.error]);

  if (!request) return null;
  const canSubmit = (badge !== null || chosen !== null) && pin.length > 0 && !request.busy && left === 0;

  return (
    <div className="dialog-backdrop dialog-backdrop-top">
      <form
        className="dialog dialog-approval"
        role="dialog"
        aria-modal="true"
        aria-labelledby="approval-title"
        data-testid="supervisor-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          if (!canSubmit) return;
          void submit(badge !== null ? { badge, pin } : { userId: chosen ?? '', pin });
        }}
      >
        <h2 id="approval-title">{t('stepUp.title')}</h2>
        <p className="approval-purpose" data-testid="approval-purpose">
          {t(`stepUp.purpose.${request.purpose}`, { defaultValue: t('stepUp.purpose.other') })}
        </p>
        <p className="dialog-intro">{t('stepUp.intro')}</p>
        {badge !== null ? (
          <div className="badge-chosen" data-testid="approval-badge">
            <span className="field-label">{t('signIn.badge')}</span>
            <strong className="mono">{badge}</strong>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setBadge(null);
                focusPin();
              }}
            >
              {t('signIn.pickInstead')}
            </button>
          </div>
        ) : (
          <UserPicker
            users={supervisors}
            chosen={chosen}
            legend={t('stepUp.who')}
            onPick={setUserId}
            onPicked={focusPin}
          />
        )}
        <PinField ref={pinRef} name="approvalPin" label={t('stepUp.pin')} value={pin} onChange={setPin} />
        {shown && <ErrorText error={shown} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={cancel}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!canSubmit}>
            {t('stepUp.approve')}
          </button>
        </div>
      </form>
    </div>
  );
}
