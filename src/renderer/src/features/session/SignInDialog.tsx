import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { useSecondsLeft, withSecondsLeft } from '../../ui/use-seconds-left';
import { PinField } from './PinField';
import { UserPicker } from './UserPicker';
import { useBadgeScan } from './use-badge-scan';
import './session.css';

export function SignInDialog() {
  const { t } = useTranslation();
  const users = useFeature('session', (s) => s.users);
  const badge = useFeature('session', (s) => s.signInBadge);
  const signingIn = useFeature('session', (s) => s.signingIn);
  const error = useFeature('session', (s) => s.signInError);
  const errorAt = useFeature('session', (s) => s.signInErrorAt);
  const signIn = useFeature('session', (s) => s.signIn);
  const close = useFeature('session', (s) => s.closeSignIn);
  const badgeScanned = useFeature('session', (s) => s.badgeScanned);
  const clearBadge = useFeature('session', (s) => s.clearBadge);
  const [userId, setUserId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);
  const chosen = userId ?? users.find((u) => u.role === 'supervisor')?.id ?? users[0]?.id ?? null;
  const left = useSecondsLeft(error, errorAt);
  const shown = withSecondsLeft(error, left);
  const focusPin = (): void => pinRef.current?.focus();

  useBadgeScan((code) => {
    badgeScanned(code);
    // The badge's digits went into the PIN field on their way; they are not the PIN.
    setPin('');
    focusPin();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  // Opened by a badge scanned at the Scan screen, or once the list has come: ready for the PIN.
  useEffect(focusPin, [badge, users.length]);

  const canSubmit = (badge !== null || chosen !== null) && pin.length > 0 && !signingIn && left === 0;

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!canSubmit) return;
          const who = badge !== null ? { badge } : { userId: chosen ?? '' };
          void signIn(who, pin).then((ok) => {
            if (!ok) {
              setPin('');
              focusPin();
            }
          });
        }}
      >
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        <p className="dialog-intro">{t('signIn.intro')}</p>
        {badge !== null ? (
          <div className="badge-chosen" data-testid="sign-in-badge">
            <span className="field-label">{t('signIn.badge')}</span>
            <strong className="mono">{badge}</strong>
            <button
              type="button"
              className="btn"
              onClick={() => {
                clearBadge();
                focusPin();
              }}
            >
              {t('signIn.pickInstead')}
            </button>
          </div>
        ) : (
          <UserPicker
            users={users}
            chosen={chosen}
            legend={t('signIn.user')}
            onPick={setUserId}
            onPicked={focusPin}
          />
        )}
        {badge === null && <p className="dialog-hint">{t('signIn.badgeHint')}</p>}
        <PinField ref={pinRef} name="pin" label={t('signIn.pin')} value={pin} onChange={setPin} />
        {shown && <ErrorText error={shown} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!canSubmit}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
