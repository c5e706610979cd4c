import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { bannerLines, type BannerLine } from './printer-banner';

function lineText(t: (key: string, options?: Record<string, unknown>) => string, line: BannerLine): string {
  const options = { name: line.name, count: line.count };
  if (line.kind === 'offline' && line.count === 0) return t('printers.banner.offlineIdle', options);
  return t(`printers.banner.${line.kind}`, options);
}

/**
 * On every screen, while a printer is offline or labels wait for it: the clerk keeps working, the
 * labels print when the printer is back. Polls the station's printer states itself.
 */
export function PrinterBanner() {
  const { t } = useTranslation();
  const stores = useStores();
  const statuses = useFeature('printers', (s) => s.statuses);
  const busy = useFeature('printers', (s) => s.busy);
  const checkStatus = useFeature('printers', (s) => s.checkStatus);
  const lines = bannerLines(statuses);

  useEffect(() => stores.printers.getState().startStatusPolling(), [stores]);

  return (
    <div className="printer-banner-slot" role="status" aria-live="polite" data-testid="printer-banner">
      {lines.map((line) => (
        <div
          key={line.printerId}
          className={`printer-banner printer-banner-${line.kind}`}
          data-printer-id={line.printerId}
        >
          <span className="printer-banner-text">{lineText(t, line)}</span>
          {(line.kind === 'offline' || line.kind === 'waiting') && (
            <button
              type="button"
              className="btn btn-small btn-banner"
              disabled={busy}
              onClick={() => void checkStatus(line.printerId)}
            >
              {t('printers.actions.checkNow')}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
