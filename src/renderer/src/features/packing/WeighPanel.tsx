import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import type { PackSession } from '../../../../shared/packing/pack-views';
import type { LiveScaleReading } from '../../../../shared/scales/live-reading';

/** The station scale's weight now, big, with its state in words and colour (packing.css, data-scale). */
function LiveWeight({ live }: { live: LiveScaleReading }) {
  const { t } = useTranslation();
  return (
    <div className="pack-scale" data-testid="pack-live-weight" data-scale={live.state} role="status">
      <span className="pack-scale-grams">{live.grams === null ? '— g' : `${live.grams} g`}</span>
      <span className="pack-scale-state">{t(`packing.weigh.live.${live.state}`)}</span>
      {live.lastFault && live.state !== 'stable' && (
        <span className="pack-scale-fault">{t(`packing.weigh.fault.${live.lastFault.code}`)}</span>
      )}
    </div>
  );
}

/** The box (scanned first) and how the weight is taken: the station scale on Enter, or typed. */
export function WeighPanel({ session }: { session: PackSession }) {
  const { t } = useTranslation();
  const box = useFeature('packing', (s) => s.box);
  const live = useFeature('packing', (s) => s.liveScale);
  const weight = session.weight;
  return (
    <div className="pack-weigh" data-testid="pack-weigh">
      {live?.configured && <LiveWeight live={live} />}
      <dl className="pack-facts">
        <dt>{t('packing.weigh.box')}</dt>
        <dd data-testid="pack-box" data-set={box !== null}>
          {box ?? t('packing.weigh.noBox')}
        </dd>
        {weight && (
          <>
            <dt>{t('packing.weigh.weight')}</dt>
            <dd>{t(`packing.weigh.source.${weight.source}`, { grams: weight.grams })}</dd>
          </>
        )}
      </dl>
      {/* With a scale, the keys below say it all; the sentence would push them off a laptop screen. */}
      {!live?.configured && <p className="pack-weigh-how">{t('packing.weigh.how')}</p>}
    </div>
  );
}
