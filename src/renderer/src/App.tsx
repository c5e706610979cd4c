import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import type { AppStores } from './app/app-stores';
import { StoresProvider } from './app/stores-context';
import { AppShell } from './shell/AppShell';

export function App({ stores, i18n }: { stores: AppStores; i18n: i18n }) {
  useEffect(() => {
    const applyLang = (lng: string): void => {
      document.documentElement.lang = lng;
    };
    applyLang(i18n.language);
    i18n.on('languageChanged', applyLang);
    return () => i18n.off('languageChanged', applyLang);
  }, [i18n]);

  return (
    <I18nextProvider i18n={i18n}>
      <StoresProvider value={stores}>
        <AppShell />
      </StoresProvider>
    </I18nextProvider>
  );
}
