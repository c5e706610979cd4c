import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CarrierAccount,
  CarrierAccounts,
  ConnectionCheckView,
} from '../../../../shared/calls/credentials';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import { toErrorShape } from '../../i18n/error-message';

/** What the administrator typed, per account and field; sent once, then forgotten. */
export type SecretDrafts = Record<string, Record<string, string>>;

export interface AccountNotice {
  kind: 'saved' | 'cleared' | 'nothing_typed';
}

export interface CarrierAccountsState {
  view: CarrierAccounts | null;
  loadError: AppErrorShape | null;
  drafts: SecretDrafts;
  /** The account a call is running for (save, test, clear); its buttons wait. */
  busy: string | null;
  results: Record<string, ConnectionCheckView>;
  errors: Record<string, AppErrorShape>;
  notices: Record<string, AccountNotice>;
  /** The administrator ticked "store anyway" after the weak-store warning. */
  confirmWeak: boolean;
  confirmingClear: string | null;
  load(): Promise<void>;
  edit(account: string, field: string, value: string): void;
  setConfirmWeak(on: boolean): void;
  save(account: string): Promise<void>;
  test(account: string): Promise<void>;
  askClear(account: string): void;
  cancelClear(): void;
  clear(account: string): Promise<void>;
}

export type CarrierAccountsStore = StoreApi<CarrierAccountsState>;

/** The fields of an account the administrator typed something into. */
export function typedSecrets(drafts: SecretDrafts, account: string): Record<string, string> {
  return Object.fromEntries(Object.entries(drafts[account] ?? {}).filter(([, v]) => v !== ''));
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/**
 * The Settings screen's carrier accounts. Secrets go only towards the station (save, test); the
 * station answers with "set" and at most the last four characters. A saved value is dropped from
 * the drafts at once, so it stays in the page's memory no longer than needed.
 */
export function createCarrierAccountsStore(deps: { api: LastmileApi }): CarrierAccountsStore {
  return createStore<CarrierAccountsState>()((set, get) => {
    const replace = (account: CarrierAccount): void =>
      set((s) =>
        s.view
          ? {
              view: {
                ...s.view,
                accounts: s.view.accounts.map((a) => (a.account === account.account ? account : a)),
              },
            }
          : {},
      );
    const run = async (account: string, action: () => Promise<void>): Promise<void> => {
      set((s) => ({
        busy: account,
        errors: without(s.errors, account),
        notices: without(s.notices, account),
      }));
      try {
        await action();
      } catch (err) {
        set((s) => ({ errors: { ...s.errors, [account]: toErrorShape(err) } }));
      } finally {
        set({ busy: null });
      }
    };

    return {
      view: null,
      loadError: null,
      drafts: {},
      busy: null,
      results: {},
      errors: {},
      notices: {},
      confirmWeak: false,
      confirmingClear: null,

      async load() {
        try {
          set({ view: await deps.api.listAccounts({}), loadError: null });
        } catch (err) {
          set({ view: null, loadError: toErrorShape(err) });
        }
      },

      edit: (account, field, value) =>
        set((s) => ({
          drafts: { ...s.drafts, [account]: { ...s.drafts[account], [field]: value } },
          notices: without(s.notices, account),
        })),

      setConfirmWeak: (confirmWeak) => set({ confirmWeak }),

      save: (account) =>
        run(account, async () => {
          const secrets = typedSecrets(get().drafts, account);
          if (Object.keys(secrets).length === 0) {
            set((s) => ({ notices: { ...s.notices, [account]: { kind: 'nothing_typed' } } }));
            return;
          }
          const stored = await deps.api.setCredentials({
            account,
            secrets,
            ...(get().confirmWeak ? { confirmWeakStorage: true } : {}),
          });
          replace(stored);
          set((s) => ({
            drafts: without(s.drafts, account),
            notices: { ...s.notices, [account]: { kind: 'saved' } },
            results: without(s.results, account),
          }));
        }),

      test: (account) =>
        run(account, async () => {
          set((s) => ({ results: without(s.results, account) }));
          const secrets = typedSecrets(get().drafts, account);
          const result = await deps.api.testConnection({
            account,
            ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
          });
          set((s) => ({ results: { ...s.results, [account]: result } }));
        }),

      askClear: (account) => set({ confirmingClear: account }),
      cancelClear: () => set({ confirmingClear: null }),

      clear: (account) =>
        run(account, async () => {
          const cleared = await deps.api.clearCredentials({ account });
          replace(cleared);
          set((s) => ({
            confirmingClear: null,
            drafts: without(s.drafts, account),
            results: without(s.results, account),
            notices: { ...s.notices, [account]: { kind: 'cleared' } },
          }));
        }),
    };
  });
}
