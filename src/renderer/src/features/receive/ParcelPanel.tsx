import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { carrierDisplayName } from '../../../../shared/codes/carrier-formats';
import { displayCode } from '../../../../shared/codes/display-code';
import type { QcOrderView, QcReceiptView } from '../../../../shared/returns/qc-views';
import { formatDeadline } from '../../ui/format';
import { deadlineUrgency } from './deadline-urgency';

/** How many other returns of the buyer are named; the rest are counted. */
const OTHERS_NAMED = 3;

/** A platform value (BUYER_SHIPPED_ITEM) in words: translated when we know it, else readable. */
export function platformWords(value: string, t: TFunction): string {
  const readable = value.replace(/_/g, ' ').toLowerCase();
  return t(`receive.platform.${value}`, {
    defaultValue: readable.charAt(0).toUpperCase() + readable.slice(1),
  });
}

function Order({
  order,
  t,
  language,
  now,
}: {
  order: QcOrderView;
  t: TFunction;
  language: string;
  now: number;
}) {
  const units = order.items.reduce((n, i) => n + i.quantity, 0);
  const urgency = deadlineUrgency(order.nextAction?.deadline ?? null, now);
  return (
    <section className="order" data-testid="order" data-return-id={order.platformReturnId}>
      <header className="order-head">
        <span className="order-buyer" data-testid="order-buyer">
          {order.buyerName ?? t('receive.unknownBuyer')}
        </span>
        <span className="order-reason">
          {order.reasonCode ? t(`qc.reason.${order.reasonCode}`) : (order.reason ?? t('app.none'))}
        </span>
      </header>
      <p className="order-carrier" data-testid="order-carrier">
        {t('receive.orderCarrier', {
          carrier: order.carrier ? carrierDisplayName(order.carrier) : t('receive.carrierUnknown'),
          tracking: order.returnTrackingNumber ?? t('app.none'),
          units,
        })}
      </p>
      {(order.platformStatus || order.nextAction) && (
        <p className="order-platform">
          {[order.platformStatus, order.returnType]
            .filter((v): v is string => Boolean(v))
            .map((v) => platformWords(v, t))
            .join(' · ')}
          {order.nextAction && (
            <strong className="order-deadline" data-testid="deadline" data-urgency={urgency}>
              {t(urgency === 'passed' ? 'receive.nextActionOverdue' : 'receive.nextAction', {
                action: platformWords(order.nextAction.action, t),
                deadline: order.nextAction.deadline
                  ? formatDeadline(order.nextAction.deadline, language)
                  : t('app.none'),
              })}
            </strong>
          )}
        </p>
      )}
      <ul className="order-items">
        {order.items.map((i) => (
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
      <p className="order-ids">
        {t('receive.orderLine', { returnId: order.platformReturnId, orderId: order.orderId })}
      </p>
    </section>
  );
}

/**
 * The parcel on the bench: whose return, what it should hold and which carrier brought it first;
 * the platform's status and the seller's deadline; the units on the bench; the platform ids last.
 */
export function ParcelPanel({ receipt, now = Date.now() }: { receipt: QcReceiptView; now?: number }) {
  const { t, i18n } = useTranslation();
  const scanned = displayCode(receipt.scannedCode);
  const openedByOtherCode =
    receipt.kind === 'expected' &&
    !receipt.orders.some(
      (o) => o.returnTrackingNumber === receipt.scannedCode || o.platformReturnId === receipt.scannedCode,
    );
  const others = receipt.otherReturnsOfBuyer;
  return (
    <aside className="parcel" data-testid="parcel">
      {receipt.kind === 'unexpected' && (
        <p className="parcel-unexpected">{t('receive.unexpectedParcel', { code: scanned })}</p>
      )}
      {openedByOtherCode && (
        <p className="parcel-opened-by" data-testid="opened-by">
          {t('receive.openedBy', { code: scanned })}
        </p>
      )}
      {receipt.condition && (
        <p className="parcel-condition" data-condition={receipt.condition}>
          {t('receive.conditionIs', { condition: t(`qc.condition.${receipt.condition}`) })}
        </p>
      )}
      {receipt.orders.map((o) => (
        <Order key={o.id} order={o} t={t} language={i18n.language} now={now} />
      ))}
      {others.length > 0 && (
        <p className="buyer-others" data-testid="buyer-others">
          {t('receive.buyerOthers', {
            count: others.length,
            ids:
              others
                .slice(0, OTHERS_NAMED)
                .map((r) => r.returnTrackingNumber ?? r.platformReturnId)
                .join(', ') + (others.length > OTHERS_NAMED ? ` +${others.length - OTHERS_NAMED}` : ''),
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
              <span className="unit-name">{u.name ?? u.sku ?? u.scannedCode ?? ''}</span>
              {u.match !== 'matched' && (
                <span className={`badge match-${u.match}`}>{t(`qc.match.${u.match}`)}</span>
              )}
              {u.grade && <span className="unit-grade">{u.grade}</span>}
              {u.decision && (
                <span className="unit-decision">
                  {t(`qc.disposition.${u.decision.disposition}`)}
                  {u.decision.binCode ? ` → ${u.decision.binCode}` : ''}
                  {u.decision.approval?.status === 'pending' ? ` · ${t('receive.awaitingApproval')}` : ''}
                </span>
              )}
              <span className="unit-lp">{u.id}</span>
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
