import { useTranslation } from 'react-i18next';
import type { PackSession } from '../../../../shared/packing/pack-views';

/** Where the parcel goes and why: the carrier big, a backup line marked, the weights it is billed on. */
export function RoutePanel({ session }: { session: PackSession }) {
  const { t } = useTranslation();
  const route = session.route;
  const weight = session.weight;
  const chosen = route ? (route.chosen === 'backup' ? route.backup : route.primary) : null;
  // The line the parcel could not go on because of its items: the clerk reads which and why.
  const refusing = route
    ? [route.primary, route.backup].find((o) => o && o !== chosen && o.refusedClasses.length > 0)
    : undefined;
  return (
    <div
      className="pack-route"
      data-testid="pack-route"
      data-line={session.platformLabel ? 'platform' : (route?.chosen ?? 'none')}
    >
      {session.rebooked && (
        <p className="pack-rebooked" data-testid="pack-rebooked">
          {session.rebooked.voidedTracking
            ? t('packing.route.rebooked', { tracking: session.rebooked.voidedTracking })
            : t('packing.route.rebookedNoLabel')}
        </p>
      )}
      {session.platformLabel ? (
        // No route: the platform picks its carrier, and its label comes after the ship call.
        <p className="pack-platform-label" data-testid="pack-platform-label">
          {t('packing.platform.label', { platform: session.platformLabel })}
        </p>
      ) : route && chosen ? (
        <>
          <p className="pack-route-carrier" data-testid="pack-route-carrier">
            <span>{chosen.carrierName}</span>
            <span
              className={route.chosen === 'backup' ? 'pack-backup' : 'pack-primary'}
              data-testid="pack-line"
            >
              {t(`packing.route.${route.chosen}`)}
            </span>
            {route.remoteArea.flagged && <span className="pack-remote">{t('packing.route.remote')}</span>}
          </p>
          {route.itemClasses.length > 0 && (
            <p className="pack-item-classes" data-testid="pack-item-classes">
              <span>{t('packing.route.contains')}</span>
              {route.itemClasses.map((c) => (
                <span key={c} className="pack-item-class" data-testid="pack-item-class" data-class={c}>
                  {t(`packing.route.itemClass.${c}`)}
                </span>
              ))}
            </p>
          )}
          <p className="pack-route-reason" data-testid="pack-route-reason">
            {refusing &&
              refusing.refusedClasses.map((c) => (
                <span key={c} className="pack-refused" data-testid="pack-item-class-refused">
                  {`${t(`packing.route.refuses.${c}`, { carrier: refusing.carrierName })} `}
                </span>
              ))}
            {t(`packing.route.reason.${route.reason}`, { carrier: chosen.carrierName })}
          </p>
        </>
      ) : (
        <p className="pack-route-reason">{t('packing.next.route')}</p>
      )}
      <dl className="pack-facts">
        {chosen && (
          <>
            <dt>{t('packing.route.service')}</dt>
            <dd>{chosen.serviceName}</dd>
          </>
        )}
        {weight && (
          <>
            <dt>{t('packing.weigh.box')}</dt>
            <dd>{weight.box ? `${weight.box.code} · ${weight.box.name}` : t('packing.weigh.noBox')}</dd>
            <dt>{t('packing.weigh.weight')}</dt>
            <dd data-testid="pack-weight">
              {t(`packing.weigh.source.${weight.source}`, { grams: weight.grams })}
            </dd>
            {chosen && (
              <>
                <dt>{t('packing.weigh.chargeable')}</dt>
                <dd>{`${chosen.chargeable.billed.amount} ${chosen.chargeable.billed.unit}`}</dd>
              </>
            )}
            {weight.warning && weight.expected.expectedGrams !== null && (
              <>
                <dt>{t('packing.weigh.expected')}</dt>
                <dd className="pack-weight-warn" data-testid="pack-weight-warning">
                  {`${weight.expected.expectedGrams} g`}
                </dd>
              </>
            )}
          </>
        )}
      </dl>
    </div>
  );
}
