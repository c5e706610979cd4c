import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { PrinterChecks } from './PrinterChecks';
import { PrinterForm } from './PrinterForm';
import { PrinterSummary } from './PrinterSummary';

/** The selected printer: its checks first (what a clerk comes for), then its settings. */
export function PrinterEditor({ supervisor }: { supervisor: boolean }) {
  const { t } = useTranslation();
  const draft = useFeature('printers', (s) => s.draft);
  const closeEditor = useFeature('printers', (s) => s.closeEditor);
  if (!draft) return null;
  return (
    <section className="printer-editor" aria-labelledby="printer-editor-title">
      <div className="section-head">
        <h2 id="printer-editor-title" className="section-title">
          {draft.isNew ? t('printers.newPrinter') : draft.name}
        </h2>
        <button type="button" className="btn btn-small" onClick={closeEditor}>
          {t('printers.close')}
        </button>
      </div>
      {!draft.isNew && <PrinterChecks />}
      {supervisor ? <PrinterForm /> : <PrinterSummary />}
    </section>
  );
}
