import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pinProblem, PIN_MIN_LENGTH } from '../../../../shared/pin-rules';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { PinField } from './PinField';
import './session.css';

/**
 * Choosing a new PIN: forced after a sign-in with the default or a reset PIN (the sign-in counts
 * only once it is done), or asked for from the header. The rules are checked as the PIN is typed.
 */
export function ChangePinDialog() {
  const { t } = useTranslation();
  const pinChange = useFeature('session', (s) => s.pinChange);
  const error = useFeature('session', (s) => s.pinChangeError);
  const changePin = useFeature('session', (s) => s.changePin);
  const close = useFeature('session', (s) => s.closeChangePin);
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  if (!pinChange) return null;
  const knownPin = pinChange.currentPin;
  const current = knownPin ?? currentPin;
  const rule = newPin.length >= PIN_MIN_LENGTH ? pinProblem(newPin, current || undefined) : null;
  const mismatch = repeat.length > 0 && repeat.length >= newPin.length && repeat !== newPin;
  const ready = current.length > 0 && newPin.length >= PIN_MIN_LENGTH && rule === null && repeat === newPin;

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="change-pin-title"
        data-testid="change-pin"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready || busy) return;
          setBusy(true);
          void changePin(current, newPin).then((ok) => {
            setBusy(false);
            if (!ok) {
              setNewPin('');
              setRepeat('');
            }
          });
        }}
      >
        <h2 id="change-pin-title">{pinChange.forced ? t('changePin.forcedTitle') : t('changePin.title')}</h2>
        <p className="dialog-intro">
          {pinChange.forced
            ? t('changePin.forcedIntro', { name: pinChange.user.name })
            : t('changePin.intro', { name: pinChange.user.name })}
        </p>
        {knownPin === null && (
          <PinField
            name="currentPin"
            label={t('changePin.current')}
            value={currentPin}
            onChange={setCurrentPin}
            autoFocus
          />
        )}
        <PinField
          name="newPin"
          label={t('changePin.new')}
          value={newPin}
          onChange={setNewPin}
          autoFocus={knownPin !== null}
        />
        <PinField name="repeatPin" label={t('changePin.repeat')} value={repeat} onChange={setRepeat} />
        <p className="dialog-hint" data-testid="pin-rules">
          {rule
            ? t(`errorDetails.PIN_TOO_WEAK.${rule}`)
            : mismatch
              ? t('changePin.mismatch')
              : t('changePin.rules')}
        </p>
        {error && <ErrorText error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!ready || busy}>
            {t('changePin.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
