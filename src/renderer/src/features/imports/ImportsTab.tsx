import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import type { ImportKind, ImportOutcome } from './imports-store';
import './imports.css';

/** Problems shown at once: a file with more is fixed from the first ones and imported again. */
const SHOWN_PROBLEMS = 50;

function Outcome({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  const { counts } = outcome;
  return (
    <div
      className="import-outcome"
      data-testid="import-outcome"
      data-committed={outcome.committed}
      role="status"
    >
      <p className="import-summary">
        {outcome.kind === 'orders'
          ? t(outcome.committed ? 'imports.done.orders' : 'imports.refused.orders', {
              file: outcome.file,
              created: counts.created ?? 0,
              updated: counts.updated ?? 0,
              unchanged: counts.unchanged ?? 0,
              count: outcome.problems.length,
            })
          : t(outcome.committed ? 'imports.done.skuClasses' : 'imports.refused.skuClasses', {
              file: outcome.file,
              skus: counts.skus ?? 0,
              count: outcome.problems.length,
            })}
      </p>
      {outcome.problems.length > 0 && (
        <table className="import-problems">
          <thead>
            <tr>
              <th>{t('imports.col.line')}</th>
              <th>{t('imports.col.column')}</th>
              <th>{t('imports.col.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              <tr key={`${p.line}-${i}`} data-code={p.code}>
                <td>{p.line}</td>
                <td>{p.column ?? '—'}</td>
                <td>
                  <span className="import-problem">
                    {t(`imports.problem.${p.code}`, { defaultValue: t('imports.problem.other') })}
                  </span>
                  <span className="import-detail">{p.message}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function CsvFileField(props: {
  testId: string;
  busy: boolean;
  onChosen: (e: React.ChangeEvent<HTMLInputElement>) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('imports.file')}
      <input
        type="file"
        accept=".csv,text/csv"
        data-testid={props.testId}
        disabled={props.busy}
        onChange={(e) => void props.onChosen(e)}
      />
    </label>
  );
}

/**
 * The supervisor's imports, by keyboard as well: Tab to a file field and Enter opens the file
 * chooser; the import starts once a file is chosen. A seller's ERP orders go into the pack queue;
 * the SKU → item class list routes TikTok Shop lines (which name no class) like ERP lines.
 */
export function ImportsTab() {
  const { t } = useTranslation();
  const stores = useStores();
  const seller = useFeature('imports', (s) => s.seller);
  const partial = useFeature('imports', (s) => s.partial);
  const busy = useFeature('imports', (s) => s.busy);
  const outcome = useFeature('imports', (s) => s.outcome);
  const error = useFeature('imports', (s) => s.error);
  const imports = stores.imports.getState();

  const chosen = (kind: ImportKind) => async (e: React.ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    // Cleared, so the same file chosen again (after fixing it) imports again.
    input.value = '';
    await imports.importFile(kind, { name: file.name, text });
  };

  return (
    <section className="imports" data-testid="imports" aria-busy={busy}>
      <fieldset className="import-box">
        <legend>{t('imports.orders.title')}</legend>
        <p className="import-what">{t('imports.orders.what')}</p>
        <label>
          {t('imports.orders.seller')}
          <input
            type="text"
            value={seller}
            maxLength={64}
            data-testid="import-seller"
            onChange={(e) => imports.setSeller(e.currentTarget.value)}
          />
        </label>
        <label className="import-check">
          <input
            type="checkbox"
            checked={partial}
            onChange={(e) => imports.setPartial(e.currentTarget.checked)}
          />
          {t('imports.orders.partial')}
        </label>
        <CsvFileField testId="import-orders-file" busy={busy} onChosen={chosen('orders')} />
      </fieldset>
      <fieldset className="import-box">
        <legend>{t('imports.skuClasses.title')}</legend>
        <p className="import-what">{t('imports.skuClasses.what')}</p>
        <CsvFileField testId="import-sku-file" busy={busy} onChosen={chosen('skuClasses')} />
      </fieldset>
      {error && <ErrorText error={error} />}
      {outcome && <Outcome outcome={outcome} />}
    </section>
  );
}
