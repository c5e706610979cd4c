import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import type { PackSession } from '../../../../shared/packing/pack-views';

/** The box (scanned first) and how the weight is taken: the station scale on Enter, or typed. */
export function WeighPanel({ session }: { session: PackSession }) {
  const { t } = useTranslation();
  const box = useFeature('packing', (s) => s.box);
  const weight = session.weight;
  return (
    <div className="pack-weigh" data-testid="pack-weigh">
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
      <p className="pack-weigh-how">{t('packing.weigh.how')}</p>
    </div>
  );
}
