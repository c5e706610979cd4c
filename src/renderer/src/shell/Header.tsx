import { useTranslation } from 'react-i18next';
import { useFeature } from '../app/stores-context';
import { ErrorText } from '../ui/ErrorText';

/** "Mei · Supervisor"; the default operator is often just called by its role, so say it once. */
function OperatorName({ name, role }: { name: string; role: string }) {
  return <>{name === role ? name : `${name} · ${role}`}</>;
}

export function Header() {
  const { t } = useTranslation();
  const user = useFeature('session', (s) => s.user);
  const view = useFeature('session', (s) => s.view);
  const stationName = useFeature('session', (s) => s.stationName);
  const error = useFeature('session', (s) => s.error);
  const openSignIn = useFeature('session', (s) => s.openSignIn);
  const openChangePin = useFeature('session', (s) => s.openChangePin);
  const signOut = useFeature('session', (s) => s.signOut);
  const signedIn = view?.signedIn ?? false;

  return (
    <header className="shell-header">
      <span className="shell-brand">{t('app.title')}</span>
      <span className="shell-fact">
        <span className="shell-fact-label">{t('app.station')}</span>
        <strong data-testid="station-name">{stationName}</strong>
      </span>
      {user && error && <ErrorText error={error} className="shell-header-error" />}
      <span className="shell-fact shell-operator" data-signed-in={signedIn ? 'yes' : 'no'}>
        <span className="shell-fact-label">{t('app.operator')}</span>
        <strong data-testid="operator">
          {user ? <OperatorName name={user.name} role={t(`roles.${user.role}`)} /> : t('app.none')}
        </strong>
        {user && (
          <span className="shell-operator-note" data-testid="operator-note">
            {!signedIn
              ? t('app.stationDefault')
              : view?.idleMinutes
                ? t('app.idleSignOut', { minutes: view.idleMinutes })
                : t('app.signedIn')}
          </span>
        )}
      </span>
      {signedIn ? (
        <>
          <button type="button" className="btn btn-header" onClick={openChangePin}>
            {t('app.changePin')}
          </button>
          <button type="button" className="btn btn-header" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-header" onClick={() => void openSignIn()}>
          {t('app.signIn')}
        </button>
      )}
    </header>
  );
}
