import { useTranslation } from 'react-i18next';
import type {
  CarrierAccount,
  ConnectionCheckView,
  SecretFieldStatus,
} from '../../../../shared/calls/credentials';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { formatDateTime } from '../../ui/format';

/** A secret field's name on screen: its last segment translated (`credentials.clientSecret` → Client secret). */
function useFieldLabel(): (field: string) => string {
  const { t } = useTranslation();
  return (field) => {
    const last = field.slice(field.lastIndexOf('.') + 1);
    return t(`carrierAccounts.field.${last}`, { defaultValue: field });
  };
}

/**
 * One account: its secret fields (status, and a password field for a new value), Save (Enter in
 * any field), Test connection (with the typed values if any, else the stored ones), Clear.
 */
export function AccountCard({ account }: { account: CarrierAccount }) {
  const { t } = useTranslation();
  const name = account.account;
  const drafts = useFeature('carrierAccounts', (s) => s.drafts[name]);
  const busy = useFeature('carrierAccounts', (s) => s.busy === name);
  const result = useFeature('carrierAccounts', (s) => s.results[name]);
  const error = useFeature('carrierAccounts', (s) => s.errors[name]);
  const notice = useFeature('carrierAccounts', (s) => s.notices[name]);
  const confirming = useFeature('carrierAccounts', (s) => s.confirmingClear === name);
  const { edit, save, test, askClear, cancelClear, clear } = useFeature('carrierAccounts', (s) => s);
  const anySet = account.secrets.some((s) => s.set);

  return (
    <form
      className="account-card"
      data-account={name}
      aria-label={`${account.displayName} ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save(name);
      }}
    >
      <h3 className="account-title">
        {account.displayName} <code className="account-name">{name}</code>
      </h3>
      {!account.known && <p className="supervisor-hint">{t('carrierAccounts.unknownKind')}</p>}
      {account.secrets.map((secret) => (
        <SecretField
          key={secret.field}
          account={name}
          secret={secret}
          value={drafts?.[secret.field] ?? ''}
          editable={account.known}
          onChange={(value) => edit(name, secret.field, value)}
        />
      ))}
      <div className="account-actions">
        {account.known && (
          <>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('carrierAccounts.save')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => void test(name)}>
              {busy ? t('carrierAccounts.testing') : t('carrierAccounts.test')}
            </button>
          </>
        )}
        {!confirming && (
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy || !anySet}
            onClick={() => askClear(name)}
          >
            {t('carrierAccounts.clear')}
          </button>
        )}
        {notice && (
          <span className="saved" role="status">
            {t(`carrierAccounts.${notice.kind === 'nothing_typed' ? 'nothingTyped' : notice.kind}`)}
          </span>
        )}
      </div>
      {confirming && (
        <div className="confirm-clear" role="alertdialog" aria-label={t('carrierAccounts.clear')}>
          <p>{t('carrierAccounts.confirmClear', { account: name })}</p>
          <button type="button" className="btn btn-danger" autoFocus onClick={() => void clear(name)}>
            {t('carrierAccounts.yesClear')}
          </button>
          <button type="button" className="btn" onClick={cancelClear}>
            {t('carrierAccounts.keep')}
          </button>
        </div>
      )}
      {result && <CheckResult result={result} carrier={account.displayName} />}
      {error && <ErrorText error={error} />}
    </form>
  );
}

function SecretField(props: {
  account: string;
  secret: SecretFieldStatus;
  value: string;
  editable: boolean;
  onChange: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = useFieldLabel();
  const { secret } = props;
  const status = secret.set
    ? secret.lastFour
      ? t('carrierAccounts.setEnding', { lastFour: secret.lastFour })
      : t('carrierAccounts.set')
    : t('carrierAccounts.notSet');
  return (
    <div className="secret-field" data-field={secret.field} data-set={secret.set}>
      <label className="field">
        <span className="field-label">
          {label(secret.field)} <span className={secret.set ? 'secret-set' : 'secret-unset'}>({status})</span>
        </span>
        {props.editable && (
          <input
            className="input"
            type="password"
            name={`${props.account}.${secret.field}`}
            autoComplete="new-password"
            spellCheck={false}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
      </label>
      {secret.set && secret.updatedAt !== null && (
        <span className="secret-changed">
          {t('carrierAccounts.changed', {
            when: formatDateTime(secret.updatedAt, i18n.language),
            by: secret.updatedBy ?? '—',
          })}
        </span>
      )}
    </div>
  );
}

function CheckResult({ result, carrier }: { result: ConnectionCheckView; carrier: string }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const renewed = result.renewed ?? [];
  return (
    <>
      <CheckLine result={result} carrier={carrier} />
      {renewed.length > 0 && (
        <p className="check-result check-renewed" role="alert" data-renewed={renewed.join(' ')}>
          {t('carrierAccounts.renewed', { carrier, fields: renewed.map(label).join(', ') })}
        </p>
      )}
    </>
  );
}

function CheckLine({ result, carrier }: { result: ConnectionCheckView; carrier: string }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  return (
    <p
      className={result.ok ? 'check-result check-ok' : 'check-result check-bad'}
      role="status"
      data-reason={result.reason}
      title={result.detail}
    >
      {t(`carrierAccounts.result.${result.reason}`, {
        carrier,
        seconds: result.seconds ?? '?',
        field: result.field ? label(result.field) : '—',
        detail: result.detail,
      })}
    </p>
  );
}
