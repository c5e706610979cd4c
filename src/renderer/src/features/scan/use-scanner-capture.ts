import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import type { ShellState } from '../../shell/shell-store';
import { screenForKey } from '../../shell/screens';
import type { PackingState } from '../packing/packing-store';
import type { ReceiveState } from '../receive/receive-store';
import type { ScanState } from './scan-store';

/** The Scan screen's own code field carries this attribute; every other field is left alone. */
const SCAN_FIELD_ATTRIBUTE = 'data-scan-field';

function isOtherField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement) || target.hasAttribute(SCAN_FIELD_ATTRIBUTE)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

/**
 * Hears the scanner wherever the focus is: a keyboard-wedge scanner types into whatever has focus,
 * and clerks should never have to click a field first. A scan made on another screen is recorded
 * and the Scan screen comes up to show it. Keys aimed at another field, an open dialog, or the
 * screen switcher are left alone.
 */
export function useScannerCapture(
  receive: StoreApi<ReceiveState>,
  scan: StoreApi<ScanState>,
  shell: StoreApi<ShellState>,
  paused: () => boolean,
  packing?: StoreApi<PackingState>,
): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || paused() || isOtherField(e.target)) return;
      if (screenForKey(e)) return;
      const screen = shell.getState().screen;
      const input = {
        code: e.code,
        key: e.key,
        keyCode: e.keyCode,
        isComposing: e.isComposing,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        time: e.timeStamp,
      };
      if (screen === 'scan') {
        if (scan.getState().key(input, 'scan-screen') !== 'pass') e.preventDefault();
        return;
      }
      // The packing bench keeps its scans: an item scanned there is never a return.
      if (screen === 'packing' && packing) {
        const verdict = packing.getState().key(input);
        if (verdict !== 'pass') e.preventDefault();
        if (verdict === 'pass' && (e.code === 'Enter' || e.code === 'NumpadEnter')) {
          e.preventDefault();
          packing.getState().confirm();
        }
        return;
      }
      // The QC bench is the station's main screen: a scan made on any other screen lands there.
      const here = screen === 'receive';
      const verdict = receive.getState().key(input, here ? 'here' : 'elsewhere');
      if (verdict !== 'pass') e.preventDefault();
      if (verdict === 'scanned' && !here) shell.getState().show('receive');
      if (verdict === 'pass' && here && (e.code === 'Enter' || e.code === 'NumpadEnter')) {
        e.preventDefault();
        receive.getState().confirm();
      }
    };
    const onPaste = (e: ClipboardEvent): void => {
      const screen = shell.getState().screen;
      if (paused() || isOtherField(e.target) || (screen !== 'scan' && screen !== 'receive')) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      if (screen === 'scan') scan.getState().paste(text);
      else receive.getState().paste(text);
    };
    // Half-typed keys belong to the screen they were typed on.
    const unsubscribe = shell.subscribe((s, before) => {
      if (s.screen !== before.screen) {
        scan.getState().resetTyping();
        receive.getState().resetTyping();
        packing?.getState().resetTyping();
      }
    });
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('paste', onPaste, true);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('paste', onPaste, true);
    };
  }, [receive, scan, shell, paused, packing]);
}
