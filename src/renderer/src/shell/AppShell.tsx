import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREEN_COMPONENTS } from '../app/screen-components';
import { useFeature, useStores } from '../app/stores-context';
import { PrinterBanner } from '../features/printers/PrinterBanner';
import { useScannerCapture } from '../features/scan/use-scanner-capture';
import { ChangePinDialog } from '../features/session/ChangePinDialog';
import { SessionNotice } from '../features/session/SessionNotice';
import { SignInDialog } from '../features/session/SignInDialog';
import { SupervisorPrompt } from '../features/session/SupervisorPrompt';
import { ErrorText } from '../ui/ErrorText';
import { CoreStatusBanner } from './CoreStatusBanner';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { screenForKey } from './screens';
import { StationKeyMissing } from './StationKeyMissing';
import './shell.css';

export function AppShell() {
  const { t } = useTranslation();
  const stores = useStores();
  const screen = useFeature('shell', (s) => s.screen);
  const user = useFeature('session', (s) => s.user);
  const error = useFeature('session', (s) => s.error);
  const unauthorized = useFeature('session', (s) => s.unauthorized);
  const dialog = useFeature('session', (s) => s.dialog);
  const stepUp = useFeature('session', (s) => s.stepUp !== null);
  const Current = SCREEN_COMPONENTS[screen];

  const isDialogOpen = useCallback(() => stores.session.getState().dialogOpen, [stores]);
  useScannerCapture(stores.receive, stores.scan, stores.shell, isDialogOpen, stores.packing);

  useEffect(() => {
    void stores.session.getState().load();
    void stores.settings.getState().load();
    // Idle sign-outs and station restarts show up without anyone pressing a key.
    return stores.session.getState().startWatching();
  }, [stores]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (stores.session.getState().dialogOpen) return;
      const target = screenForKey(e);
      if (!target) return;
      e.preventDefault();
      stores.shell.getState().show(target);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [stores]);

  return (
    <div className="shell">
      <Header />
      {user ? <PrinterBanner /> : <div className="printer-banner-slot" />}
      <NavRail />
      <main className="shell-main">
        <SessionNotice />
        <CoreStatusBanner />
        {unauthorized ? (
          <StationKeyMissing />
        ) : !user && error ? (
          <ErrorText error={error} className="shell-blocking-error" />
        ) : !user ? (
          <p className="shell-loading">{t('app.loading')}</p>
        ) : (
          <Current />
        )}
      </main>
      {dialog === 'signIn' && <SignInDialog />}
      {dialog === 'changePin' && <ChangePinDialog />}
      {stepUp && <SupervisorPrompt />}
    </div>
  );
}
