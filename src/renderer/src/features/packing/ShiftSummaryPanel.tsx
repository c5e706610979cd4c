import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';

/** The shift so far in big figures: orders, parcels, minutes per order, late ones; then the serials packed. */
export function ShiftSummaryPanel() {
  const { t } = useTranslation();
  const summary = useFeature('packing', (s) => s.summary);
  if (!summary) return null;
  const figures: Array<[string, string | number]> = [
    ['orders', summary.orders],
    ['parcels', summary.parcels],
    ['minutesPerOrder', summary.minutesPerOrder === null ? '—' : summary.minutesPerOrder.toFixed(1)],
    ['late', summary.late],
    ['handedOver', summary.handedOver],
    ['awaitingLabel', summary.awaitingLabel],
  ];
  return (
    <>
      <dl className="pack-summary" data-testid="pack-summary">
        {figures.map(([key, value]) => (
          <div key={key} className="pack-figure" data-figure={key}>
            <dt>{t(`packing.summary.${key}`)}</dt>
            <dd data-testid={`pack-summary-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.serials.length > 0 && (
        <table className="pack-serials" data-testid="pack-summary-serials">
          <caption>{t('packing.summary.serials')}</caption>
          <tbody>
            {summary.serials.map((p) => (
              <tr key={`${p.orderRef}#${String(p.packageNo)}`} data-testid="pack-summary-serial-row">
                <th scope="row">{p.packageNo > 1 ? `${p.orderRef} #${String(p.packageNo)}` : p.orderRef}</th>
                <td>{p.trackingNumber ?? '—'}</td>
                <td>{p.serials.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
