import { useTranslation } from 'react-i18next';
import { displayCode } from '../../../../shared/codes/display-code';
import { useFeature } from '../../app/stores-context';
import { formatTime } from '../../ui/format';

export function RecentScans() {
  const { t, i18n } = useTranslation();
  const recent = useFeature('scan', (s) => s.recent);
  return (
    <aside className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="recent-title">
        {t('scan.recent')}
      </h2>
      {recent.length === 0 ? (
        <p className="recent-empty">{t('scan.recentEmpty')}</p>
      ) : (
        <ol className="recent-list" data-testid="recent-scans">
          {recent.map((scan) => (
            <li key={scan.scanId} className="recent-item" data-outcome={scan.outcome}>
              <span className="recent-code">{displayCode(scan.code)}</span>
              <span className="recent-meta">
                <span className={`badge badge-${scan.outcome}`}>{t(`outcome.${scan.outcome}`)}</span>
                <span>{formatTime(scan.scannedAt, i18n.language)}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
