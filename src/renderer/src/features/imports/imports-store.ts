import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';

export type ImportKind = 'orders' | 'skuClasses';

/** One problem of the file, as the station reported it (its code is translated on screen). */
export interface ImportProblem {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

/** What an import did: how many rows it took, or why it took none. */
export interface ImportOutcome {
  kind: ImportKind;
  file: string;
  committed: boolean;
  /** Orders (created / updated / unchanged) or SKUs written. */
  counts: Record<string, number>;
  problems: ImportProblem[];
}

export interface ImportsState {
  seller: string;
  partial: boolean;
  busy: boolean;
  outcome: ImportOutcome | null;
  error: AppErrorShape | null;
  setSeller(seller: string): void;
  setPartial(partial: boolean): void;
  /** Sends the chosen file's text; the seller is required for an orders file. */
  importFile(kind: ImportKind, file: { name: string; text: string }): Promise<boolean>;
}

export type ImportsStore = StoreApi<ImportsState>;

/**
 * The supervisor's imports: a seller's ERP orders into the pack queue, and the SKU → item class
 * list for lines whose platform names none. The station checks the whole file and answers every
 * problem with its line; nothing is written unless it all reads (orders: unless `partial`).
 */
export function createImportsStore(deps: { api: LastmileApi; authorize: Authorize }): ImportsStore {
  const { api, authorize } = deps;
  return createStore<ImportsState>()((set, get) => ({
    seller: '',
    partial: false,
    busy: false,
    outcome: null,
    error: null,
    setSeller: (seller) => set({ seller }),
    setPartial: (partial) => set({ partial }),
    async importFile(kind, file) {
      const { seller, partial } = get();
      if (kind === 'orders' && seller.trim() === '') {
        set({
          error: {
            code: 'VALIDATION_FAILED',
            params: { call: 'packImportOrders', field: 'seller', issue: 'seller_required' },
          },
        });
        return false;
      }
      set({ busy: true, error: null, outcome: null });
      try {
        const outcome =
          kind === 'orders'
            ? await authorize('packImportOrders', (authorization) =>
                api.packImportOrders({
                  csv: file.text,
                  seller: seller.trim(),
                  ...(partial ? { partial } : {}),
                  ...(authorization ? { authorization } : {}),
                }),
              ).then((r) =>
                r === null
                  ? null
                  : {
                      committed: r.committed,
                      counts: { ...r.results, orders: r.orders },
                      problems: r.errors,
                    },
              )
            : await authorize('packSkuClassesImport', (authorization) =>
                api.packSkuClassesImport({
                  csv: file.text,
                  ...(authorization ? { authorization } : {}),
                }),
              ).then((r) =>
                r === null ? null : { committed: r.committed, counts: { skus: r.skus }, problems: r.errors },
              );
        set({ busy: false, outcome: outcome ? { kind, file: file.name, ...outcome } : null });
        return outcome?.committed ?? false;
      } catch (err) {
        set({ busy: false, error: toErrorShape(err) });
        return false;
      }
    },
  }));
}
