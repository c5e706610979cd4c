import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';

export function PrinterList({ supervisor }: { supervisor: boolean }) {
  const { t } = useTranslation();
  const printers = useFeature('printers', (s) => s.printers);
  const statuses = useFeature('printers', (s) => s.statuses);
  const selectedId = useFeature('printers', (s) => s.selectedId);
  const addingNew = useFeature('printers', (s) => s.draft?.isNew ?? false);
  const select = useFeature('printers', (s) => s.select);
  const addPrinter = useFeature('printers', (s) => s.addPrinter);

  return (
    <section className="printer-list" aria-labelledby="printer-list-title">
      <div className="section-head">
        <h2 id="printer-list-title" className="section-title">
          {t('printers.list')}
        </h2>
        <button
          type="button"
          className="btn btn-small"
          disabled={!supervisor}
          title={supervisor ? undefined : t('printers.supervisorOnly')}
          aria-pressed={addingNew}
          onClick={addPrinter}
        >
          {t('printers.add')}
        </button>
      </div>
      {printers.length === 0 ? (
        <p className="empty">{t('printers.none')}</p>
      ) : (
        <ul className="printer-items">
          {printers.map((p) => {
            const status = statuses.find((s) => s.printerId === p.id);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="printer-item"
                  aria-current={p.id === selectedId ? 'true' : undefined}
                  data-printer-id={p.id}
                  onClick={() => select(p.id)}
                >
                  <span className="printer-item-name">{p.name}</span>
                  <span className="printer-item-facts muted">
                    {t(`printerLanguage.${p.language}`)} · {p.interface}
                  </span>
                  <span className="printer-item-state">
                    {!p.enabled ? (
                      <span className="badge badge-printer-disabled">{t('printers.disabledBadge')}</span>
                    ) : (
                      <span className={`badge badge-printer-${status?.state ?? 'unknown'}`}>
                        {t(`printerState.${status?.state ?? 'unknown'}`)}
                      </span>
                    )}
                    {status && status.queued > 0 && (
                      <span className="printer-item-waiting">
                        {t('printers.waiting', { count: status.queued })}
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
