import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import './session.css';

export function SignInDialog() {
  const { t } = useTranslation();
  const users = useFeature('session', (s) => s.users);
  const signingIn = useFeature('session', (s) => s.signingIn);
  const error = useFeature('session', (s) => s.signInError);
  const signIn = useFeature('session', (s) => s.signIn);
  const close = useFeature('session', (s) => s.closeSignIn);
  const [userId, setUserId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);
  const chosen = userId ?? users.find((u) => u.role === 'supervisor')?.id ?? users[0]?.id ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  useEffect(() => pinRef.current?.focus(), [chosen]);

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) void signIn(chosen, pin).then((ok) => ok || setPin(''));
        }}
      >
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        <p className="dialog-intro">{t('signIn.intro')}</p>
        <fieldset className="user-picker">
          <legend>{t('signIn.user')}</legend>
          {users.map((u) => (
            <label key={u.id} className="user-choice" data-selected={u.id === chosen}>
              <input
                type="radio"
                name="user"
                value={u.id}
                checked={u.id === chosen}
                onChange={() => setUserId(u.id)}
                // Clicking the user already chosen changes nothing, so no effect moves the focus:
                // the PIN field gets it here, after the click has focused the radio button.
                onClick={() => setTimeout(() => pinRef.current?.focus(), 0)}
              />
              <span className="user-name">{u.name}</span>
              <span className="user-role">{t(`roles.${u.role}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">{t('signIn.pin')}</span>
          <input
            ref={pinRef}
            className="input pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={32}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        {error && <ErrorText error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            {t('app.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!chosen || pin.length === 0 || signingIn}
          >
            {t('signIn.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
