import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';
import type { PackSession } from '../../../../shared/packing/pack-views';

/**
 * The package's lines, each counting down as its items are scanned; a finished line turns green.
 * A line that needs serial numbers is tagged S/N and lists the serials scanned so far.
 */
export function OrderLines({ session }: { session: PackSession }) {
  const { t } = useTranslation();
  const items = useRef(new Map<string, HTMLLIElement>());
  const scanned = useFeature('packing', (s) => s.scanned);
  const seq = useFeature('packing', (s) => s.seq);
  // A long order scrolls: the line of the item just scanned comes into view, so the clerk sees it tick.
  useEffect(() => {
    const line = scanned ? session.lines.find((l) => l.barcode === scanned || l.sku === scanned) : undefined;
    if (line) items.current.get(line.lineRef)?.scrollIntoView({ block: 'nearest' });
  }, [seq, scanned, session.lines]);
  return (
    <ul className="pack-lines" data-testid="pack-lines">
      {session.lines.map((line) => (
        <li
          key={line.lineRef}
          ref={(el) => {
            if (el) items.current.set(line.lineRef, el);
            else items.current.delete(line.lineRef);
          }}
          data-done={line.remaining === 0}
          data-testid="pack-line"
          data-sku={line.sku}
        >
          <span className="pl-left" data-testid="pack-line-left">
            {line.remaining === 0 ? '✓' : line.remaining}
          </span>
          <span className="pl-name">{line.productName}</span>
          <span className="pl-sku">{line.barcode ? `${line.sku} · ${line.barcode}` : line.sku}</span>
          <span className="pl-count">
            {t('packing.lines.count', { verified: line.verified, quantity: line.quantity })}
          </span>
          {(line.serialRequired || line.serials.length > 0) && (
            <span className="pl-serials" data-testid="pack-line-serials">
              {line.serialRequired && <span className="pl-sn-tag">{t('packing.lines.serialRequired')}</span>}
              {line.serials.map((serial) => (
                <span key={serial} className="pl-serial" data-testid="pack-line-serial">
                  {serial}
                </span>
              ))}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
