// Base styles first, so each feature's stylesheet (imported by its components) may refine them.
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStores } from './app/app-stores';
import { createWebAudioBeeper } from './features/scan/web-audio-beeper';
import { createI18n } from './i18n/i18n';
import { createCoreStatusStore } from './shell/core-status-store';
import { connect, takeNewLinks } from './transport/client';

const i18n = createI18n();
const coreStatus = createCoreStatusStore();
const connection = connect(window, {
  observe: (name, envelope) => coreStatus.getState().observe(name, envelope),
});
window.lastmileEvents?.onCoreStatus((status) => coreStatus.getState().pushed(status));
const stores = createAppStores({
  api: connection.api,
  i18n,
  beeper: createWebAudioBeeper(),
  coreStatus,
  stationToken: connection.token,
});
takeNewLinks();

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App stores={stores} i18n={i18n} />
    </StrictMode>,
  );
