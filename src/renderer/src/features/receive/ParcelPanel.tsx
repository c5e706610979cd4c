import { useTranslation } from 'react-i18next';
import type { QcReceiptView } from '../../../../shared/returns/qc-views';
import { formatTime } from '../../ui/format';

/** The parcel on the bench: its returns (buyer, reason, platform status, the seller's deadline), items and units. */
export function ParcelPanel({ receipt }: { receipt: QcReceiptView }) {
  const { t, i18n } = useTranslation();
  return (
    <aside className="parcel" data-testid="parcel">
      {receipt.kind === 'unexpected' && (
        <p className="parcel-unexpected">{t('receive.unexpectedParcel', { code: receipt.scannedCode })}</p>
      )}
      {receipt.condition && (
        <p className="parcel-condition" data-condition={receipt.condition}>
          {t('receive.conditionIs', { condition: t(`qc.condition.${receipt.condition}`) })}
        </p>
      )}
      {receipt.orders.map((o) => (
        <section key={o.id} className="order" data-testid="order">
          <header className="order-head">
            <span className="order-buyer">{o.buyerName ?? t('app.none')}</span>
            <span className="order-reason">
              {o.reasonCode ? t(`qc.reason.${o.reasonCode}`) : (o.reason ?? t('app.none'))}
            </span>
          </header>
          <p className="order-ids">
            {t('receive.orderLine', { returnId: o.platformReturnId, orderId: o.orderId })}
            {o.carrier ? ` · ${o.carrier}` : ''}
          </p>
          <p className="order-platform">
            {[o.platformStatus, o.returnType].filter(Boolean).join(' · ')}
            {o.nextAction && (
              <strong className="order-deadline" data-testid="deadline">
                {' '}
                {t('receive.nextAction', {
                  action: o.nextAction.action,
                  deadline: o.nextAction.deadline
                    ? formatTime(o.nextAction.deadline, i18n.language)
                    : t('app.none'),
                })}
              </strong>
            )}
          </p>
          <ul className="order-items">
            {o.items.map((i) => (
              <li key={i.id} data-done={i.received + i.missing >= i.quantity}>
                <span className="item-count">
                  {i.received}/{i.quantity}
                </span>
                <span className="item-name">{i.name}</span>
                {i.missing > 0 && (
                  <span className="badge badge-missing">{t('receive.missing', { count: i.missing })}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {receipt.otherReturnsOfBuyer.length > 0 && (
        <p className="buyer-others" data-testid="buyer-others">
          {t('receive.buyerOthers', {
            count: receipt.otherReturnsOfBuyer.length,
            ids: receipt.otherReturnsOfBuyer.map((r) => r.platformReturnId).join(', '),
          })}
        </p>
      )}
      {receipt.units.length > 0 && (
        <ol className="units" data-testid="units">
          {receipt.units.map((u) => (
            <li
              key={u.id}
              data-match={u.match}
              data-current={u.id === receipt.currentUnitId}
              data-disposition={u.decision?.disposition ?? ''}
            >
              <span className="unit-lp">{u.id}</span>
              <span className="unit-name">{u.name ?? u.sku ?? u.scannedCode ?? ''}</span>
              <span className={`badge match-${u.match}`}>{t(`qc.match.${u.match}`)}</span>
              {u.grade && <span className="unit-grade">{u.grade}</span>}
              {u.decision && (
                <span className="unit-decision">
                  {t(`qc.disposition.${u.decision.disposition}`)}
                  {u.decision.binCode ? ` → ${u.decision.binCode}` : ''}
                  {u.decision.approval?.status === 'pending' ? ` · ${t('receive.awaitingApproval')}` : ''}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {receipt.decisions.length > 0 && (
        <ol className="decisions" data-testid="receipt-decisions">
          {receipt.decisions.map((d, i) => (
            <li key={d.returnOrderId} data-decision={d.decision}>
              {receipt.decisions.length > 1 ? `${i + 1}. ` : ''}
              {t(`qc.receiptDecision.${d.decision}`)}
              {d.rejectReason ? ` — ${t(`qc.reject.${d.rejectReason}`)}` : ''}
              {d.images > 0 ? ` (${t('receive.images', { count: d.images })})` : ''}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
