import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { formatDeadlineShort } from '../../ui/format';

const SHOWN = 8;

/** The orders waiting, by deadline; late and at-risk ones marked in colour and in words. */
export function PackQueue() {
  const { t, i18n } = useTranslation();
  const queue = useFeature('packing', (s) => s.queue);
  const current = useFeature('packing', (s) => s.session?.orderId ?? null);
  const items = queue?.items ?? [];
  const totals = queue?.totals ?? { orders: 0, late: 0, atRisk: 0 };
  return (
    <aside className="pack-queue" data-testid="pack-queue">
      <h3 className="pack-side-title">
        <span>{t('packing.queue.title', { count: totals.orders })}</span>
        {totals.late + totals.atRisk > 0 && (
          <span className="pack-queue-risk" data-testid="pack-queue-risk">
            {t('packing.queue.riskCount', { late: totals.late, atRisk: totals.atRisk })}
          </span>
        )}
      </h3>
      {items.length === 0 ? (
        <p className="pack-empty">{t('packing.queue.empty')}</p>
      ) : (
        <ol className="pack-queue-list">
          {items.slice(0, SHOWN).map((row) => (
            <li
              key={row.orderId}
              data-risk={row.risk.status}
              data-current={row.orderId === current}
              data-testid="pack-queue-row"
              data-order={row.orderRef}
            >
              <span className="pq-risk">{t(`packing.risk.${row.risk.status}`)}</span>
              <span className="pq-id">{row.orderRef}</span>
              <span className="pq-units">{t('packing.queue.items', { count: row.items })}</span>
              <span className="pq-deadline">
                {row.risk.deadlineAt === null
                  ? t('packing.queue.noDeadline')
                  : formatDeadlineShort(row.risk.deadlineAt, i18n.language)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {items.length > SHOWN && (
        <p className="pack-more">{t('packing.queue.more', { count: items.length - SHOWN })}</p>
      )}
    </aside>
  );
}
