import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretStorage } from '../../../../shared/calls/credentials';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { isAdmin } from '../session/session-store';
import { AccountCard } from './AccountCard';
import './carrier-accounts.css';

/**
 * Settings › Carrier accounts: the secrets of every configured carrier and platform account,
 * entered in password fields, tested, cleared. Only an admin sees the accounts (the station
 * refuses everyone else); the secrets themselves are never shown, whoever asks.
 */
export function CarrierAccountsSection() {
  const { t } = useTranslation();
  const stores = useStores();
  const admin = useFeature('session', isAdmin);
  const userId = useFeature('session', (s) => s.user?.id ?? null);
  const view = useFeature('carrierAccounts', (s) => s.view);
  const loadError = useFeature('carrierAccounts', (s) => s.loadError);

  // Who is signed in decides what the station answers: ask again whenever that changes.
  useEffect(() => {
    if (admin) void stores.carrierAccounts.getState().load();
  }, [stores, admin, userId]);

  return (
    <section
      className="carrier-accounts"
      aria-labelledby="carrier-accounts-title"
      data-testid="carrier-accounts"
    >
      <h2 id="carrier-accounts-title" className="section-title">
        {t('carrierAccounts.title')}
      </h2>
      <p className="screen-intro">{t('carrierAccounts.intro')}</p>
      {!admin ? (
        <p className="supervisor-hint">{t('carrierAccounts.adminOnly')}</p>
      ) : loadError ? (
        <ErrorText error={loadError} />
      ) : !view ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <StorageLine storage={view.storage} />
          {view.accounts.length === 0 && <p>{t('carrierAccounts.none')}</p>}
          {view.accounts.map((account) => (
            <AccountCard key={account.account} account={account} />
          ))}
        </>
      )}
    </section>
  );
}

function StorageLine({ storage }: { storage: SecretStorage }) {
  const { t } = useTranslation();
  const backendName = (backend: string | null): string =>
    backend ? t(`carrierAccounts.backend.${backend}`, { defaultValue: backend }) : '—';
  const confirmWeak = useFeature('carrierAccounts', (s) => s.confirmWeak);
  const setConfirmWeak = useFeature('carrierAccounts', (s) => s.setConfirmWeak);
  if (!storage.available) {
    return (
      <p className="storage-line storage-bad" role="alert">
        {t('carrierAccounts.storageUnavailable')}
      </p>
    );
  }
  if (!storage.weak) {
    return (
      <p className="storage-line">
        {t('carrierAccounts.storage', { backend: backendName(storage.backend) })}
      </p>
    );
  }
  return (
    <div className="storage-weak" role="alert" data-testid="weak-storage">
      <p>{t('carrierAccounts.weakWarning', { backend: storage.backend })}</p>
      <label className="confirm-weak">
        <input type="checkbox" checked={confirmWeak} onChange={(e) => setConfirmWeak(e.target.checked)} />
        <span>{t('carrierAccounts.confirmWeak')}</span>
      </label>
    </div>
  );
}
