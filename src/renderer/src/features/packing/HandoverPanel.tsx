import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import { Kbd } from '../../ui/Kbd';

/** Handover at the dock: pick the carrier by number, scan its parcels, close with the driver's name. */
export function HandoverPanel() {
  const { t } = useTranslation();
  const step = useFeature('packing', (s) => s.handoverStep);
  const carriers = useFeature('packing', (s) => s.carriers);
  const manifest = useFeature('packing', (s) => s.manifest);
  const driver = useFeature('packing', (s) => s.driver);
  const setDriver = useFeature('packing', (s) => s.setDriver);
  const closeManifest = useFeature('packing', (s) => s.closeManifest);
  const shortcut = useFeature('packing', (s) => s.shortcut);
  const driverRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (step === 'driver') driverRef.current?.focus();
  }, [step]);

  if (step === 'carrier') {
    if (carriers.length === 0) return <p className="pack-empty">{t('packing.handover.none')}</p>;
    return (
      <ol className="pack-carriers" data-testid="pack-carriers">
        {carriers.map((c, i) => (
          <li key={c.carrier} data-carrier={c.carrier}>
            <Kbd>{String(i + 1)}</Kbd>
            <span className="pc-name" data-testid="pack-carrier-name">
              {c.providers.length > 0
                ? t('packing.handover.platformProvider', {
                    platform: c.name,
                    provider: c.providers.join(', '),
                  })
                : c.name}
            </span>
            <span className="pc-waiting">
              {c.openManifest
                ? t('packing.handover.open')
                : t('packing.handover.waiting', { count: c.packedHere })}
            </span>
          </li>
        ))}
      </ol>
    );
  }
  if (!manifest) return null;
  return (
    <div className="pack-manifest" data-testid="pack-manifest" data-status={manifest.status}>
      {step !== 'closed' && (
        <p className="pack-manifest-count" data-testid="pack-manifest-count">
          {t('packing.handover.count', { count: manifest.totals.parcels, carrier: manifest.carrierName })}
        </p>
      )}
      {step === 'driver' && (
        <form
          className="pack-driver"
          onSubmit={(e) => {
            e.preventDefault();
            void closeManifest();
          }}
        >
          <label className="field">
            <span className="field-label">{t('packing.handover.driver')}</span>
            <input
              ref={driverRef}
              className="input pack-driver-input"
              data-testid="pack-driver"
              maxLength={80}
              autoComplete="off"
              value={driver}
              onChange={(e) => setDriver(e.target.value)}
              onKeyDown={(e) => {
                // The field has the keys while the name is typed; Esc still goes back to scanning.
                if (e.key === 'Escape') shortcut('Escape');
              }}
            />
          </label>
        </form>
      )}
      {step === 'closed' && (
        <div className="pack-closed" data-testid="pack-manifest-closed">
          <p>{t('packing.handover.closedBy', { driver: manifest.driverName ?? '' })}</p>
          {manifest.missing.length > 0 && (
            <div className="pack-missing" data-testid="pack-missing">
              <p>{t('packing.handover.missing', { count: manifest.missing.length })}</p>
              <ul>
                {manifest.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** The parcels on the open manifest, newest first. */
export function ManifestParcels() {
  const { t } = useTranslation();
  const manifest = useFeature('packing', (s) => s.manifest);
  const parcels = manifest ? [...manifest.parcels].reverse() : [];
  return (
    <aside className="pack-queue" data-testid="pack-manifest-parcels">
      <h3 className="pack-side-title">{t('packing.handover.parcels', { count: parcels.length })}</h3>
      <ol className="pack-queue-list">
        {parcels.slice(0, 10).map((p) => (
          <li key={p.trackingNumber}>
            <span className="pq-id">{p.trackingNumber}</span>
            <span className="pq-units" data-testid="pack-manifest-parcel-order">
              {p.providerName && manifest
                ? `${p.orderRef ?? ''} · ${t('packing.handover.platformProvider', {
                    platform: manifest.carrierName,
                    provider: p.providerName,
                  })}`
                : (p.orderRef ?? '')}
            </span>
            <span className="pq-deadline">{`${p.weightGrams} g`}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
