import { useEffect, useRef } from 'react';
import { looksLikeBadge } from '../../../../shared/codes/badge-code';
import { normaliseScan } from '../../../../shared/scan-code';
import { ScannerDecoder } from '../scan/scanner-decoder';

/**
 * Hears a staff badge scanned while a dialog is open, wherever the focus is (usually the PIN
 * field): the scanner's Enter then does not submit the form, and `onBadge` gets the badge code.
 * Everything else typed is left to the fields.
 */
export function useBadgeScan(onBadge: (badge: string) => void): void {
  const latest = useRef(onBadge);
  latest.current = onBadge;
  useEffect(() => {
    const decoder = new ScannerDecoder();
    const onKeyDown = (e: KeyboardEvent): void => {
      const result = decoder.key({
        code: e.code,
        key: e.key,
        keyCode: e.keyCode,
        isComposing: e.isComposing,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        time: e.timeStamp,
      });
      if (result.kind !== 'submit') return;
      let code: string;
      try {
        code = normaliseScan(result.text).code;
      } catch {
        return;
      }
      if (!looksLikeBadge(code)) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current(code);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
