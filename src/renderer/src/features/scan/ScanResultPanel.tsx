import { useTranslation } from 'react-i18next';
import { displayCode } from '../../../../shared/codes/display-code';
import type { ParcelView, ReturnOrderView } from '../../../../shared/domain';
import { useFeature } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function ReturnDetails({ order, parcel }: { order: ReturnOrderView; parcel: ParcelView | null }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="panel-headline" data-testid="platform-return-id">
        {order.platformReturnId}
      </p>
      <dl className="facts">
        <Fact label={t('scan.orderId')} value={order.orderId} testId="order-id" />
        <Fact label={t('scan.returnTracking')} value={order.returnTrackingNumber ?? t('app.none')} />
        <Fact
          label={t('scan.reason')}
          value={
            order.reason ? t(`returnReason.${order.reason}`, { defaultValue: order.reason }) : t('app.none')
          }
        />
        <Fact label={t('scan.status')} value={t(`returnStatus.${order.status}`)} />
        {parcel && <Fact label={t('scan.carrier')} value={`${parcel.carrier} · ${parcel.country}`} />}
      </dl>
      <h3 className="panel-subtitle">{t('scan.items')}</h3>
      <ul className="items" data-testid="return-items">
        {order.items.map((item) => (
          <li key={item.id}>
            <span className="item-name">{item.name}</span>
            <span className="item-sku">{item.sku}</span>
            <span className="item-qty">{t('scan.quantity', { quantity: item.quantity })}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ParcelDetails({ parcel }: { parcel: ParcelView }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="panel-headline" data-testid="tracking-number">
        {parcel.trackingNumber}
      </p>
      <dl className="facts">
        <Fact label={t('scan.carrier')} value={parcel.carrier} />
        <Fact label={t('scan.country')} value={parcel.country} />
        <Fact label={t('scan.status')} value={t(`parcelStatus.${parcel.status}`)} />
        <Fact label={t('scan.direction')} value={t(`direction.${parcel.direction}`)} />
        <Fact label={t('scan.orderId')} value={parcel.orderId ?? t('app.none')} />
      </dl>
    </>
  );
}

/** The big coloured answer to the last scan, readable from the other side of the bench. */
export function ScanResultPanel() {
  const { t } = useTranslation();
  const panel = useFeature('scan', (s) => s.panel);

  switch (panel.kind) {
    case 'idle':
      return (
        <section className="panel panel-idle" data-testid="scan-panel" data-kind="idle">
          <p className="panel-ready">{t('scan.ready')}</p>
        </section>
      );
    case 'found': {
      const { result } = panel;
      return (
        <section className="panel panel-found" data-testid="scan-panel" data-kind="found">
          <h2 className="panel-title">
            <span aria-hidden="true">✓ </span>
            {result.returnOrder ? t('scan.foundReturn') : t('scan.foundParcel')}
            <span className="panel-source">{t('scan.via', { source: t(`scanSource.${panel.source}`) })}</span>
          </h2>
          {result.returnOrder ? (
            <ReturnDetails order={result.returnOrder} parcel={result.parcel} />
          ) : (
            result.parcel && <ParcelDetails parcel={result.parcel} />
          )}
        </section>
      );
    }
    case 'unknown':
      return (
        <section className="panel panel-unknown" data-testid="scan-panel" data-kind="unknown">
          <h2 className="panel-title">
            <span aria-hidden="true">? </span>
            {t('scan.unknownTitle')}
          </h2>
          <p className="panel-headline" data-testid="unknown-code">
            {displayCode(panel.result.code)}
          </p>
          <p className="panel-hint">{t('scan.unknownHint')}</p>
        </section>
      );
    case 'error':
      return (
        <section className="panel panel-error" data-testid="scan-panel" data-kind="error">
          <h2 className="panel-title">
            <span aria-hidden="true">✕ </span>
            {t('scan.errorTitle')}
          </h2>
          <ErrorText error={panel.error} className="panel-message" />
          {panel.raw && <p className="panel-raw">{t('scan.rawCode', panel.raw)}</p>}
        </section>
      );
    case 'busy':
      return (
        <section className="panel panel-busy" data-testid="scan-panel" data-kind="busy">
          <h2 className="panel-title">
            <span aria-hidden="true">↻ </span>
            {t('scan.busyTitle')}
          </h2>
          <p className="panel-headline">{panel.code}</p>
          <p className="panel-message" role="status">
            {t('scan.busyHint', { attempt: panel.attempt, attempts: panel.attempts })}
          </p>
        </section>
      );
    case 'ime':
      return (
        <section className="panel panel-error" data-testid="scan-panel" data-kind="ime">
          <h2 className="panel-title">
            <span aria-hidden="true">⌨ </span>
            {t('scan.imeTitle')}
          </h2>
          <p className="panel-message" role="alert">
            {t('scan.imeHint')}
          </p>
        </section>
      );
  }
}
