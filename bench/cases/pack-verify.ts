import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, HOW_TO_INSTALL } from '../../scripts/ensure-chromium.mjs';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { importErpCsv } from '../../src/main/packing/erp-import';
import { ensureRendererBuilt } from '../../src/main/station/renderer-build';
import { startStationServer } from '../../src/main/station/server';
import { CLIENT_HEADER } from '../../src/shared/channels';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { summarize } from '../stats';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ORDER = 'BENCH-1';
const ITEM = '9555000000017';

/** The page-side probes (this file is compiled without the DOM library, hence the loose types). */
const PROBES = `
window.__packBench = {
  // Starts watching for the line to show \`expected\`; result() resolves with the ms from the Enter
  // key's event time to the first frame after it does.
  arm(expected) {
    this.pending = new Promise((resolve, reject) => {
      let pressedAt = null;
      const onKey = (e) => { if (e.code === 'Enter') pressedAt = e.timeStamp; };
      window.addEventListener('keydown', onKey, true);
      const check = () => {
        const cell = document.querySelector('[data-testid=pack-line-left]');
        if (pressedAt === null || !cell || cell.textContent !== expected) return;
        observer.disconnect();
        clearTimeout(timer);
        window.removeEventListener('keydown', onKey, true);
        requestAnimationFrame(() => resolve(performance.now() - pressedAt));
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      // A scan the screen never showed is a failure of the case, not a wait forever.
      const timer = setTimeout(() => {
        const cell = document.querySelector('[data-testid=pack-line-left]');
        const banner = document.querySelector('[data-testid=pack-feedback]');
        reject(new Error('the count never showed ' + expected + ' (it shows ' + (cell && cell.textContent) +
          '; ' + (banner && banner.getAttribute('data-kind')) + '; key seen: ' + (pressedAt !== null) + ')'));
      }, 5000);
    });
  },
  result() {
    return this.pending;
  },
  // The same call the screen makes, bare: fetch, JSON, nothing drawn.
  async bare(code, id) {
    const token = localStorage.getItem('lastmile.stationToken@' + location.origin);
    const client = sessionStorage.getItem('lastmile.clientId');
    const start = performance.now();
    const res = await fetch('/api/packScanItem', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token, '${CLIENT_HEADER}': client },
      body: JSON.stringify({ code, source: 'scanner', clientActionId: id }),
    });
    const body = await res.json();
    if (!body.ok) throw new Error(JSON.stringify(body.error));
    return performance.now() - start;
  },
};`;

interface Probes {
  arm(expected: string): void;
  result(): Promise<number>;
  bare(code: string, id: string): Promise<number>;
}

/**
 * What the packer waits for after each item scan: from the Enter that ends the scanner's burst to
 * the first frame showing the line's new count, in Chromium against the station server on
 * 127.0.0.1 (the real renderer, store, HTTP, contract and SQLite commit). The baseline is the same
 * call made bare from the same page (fetch and JSON, nothing drawn), sample by sample.
 */
export const packVerify: BenchCase = {
  name: 'pack-verify',
  async run(ctx) {
    const { warmup, samples } = ctx.profile.packVerify;
    const executablePath = findChromium();
    if (!executablePath) throw new Error(HOW_TO_INSTALL);
    const dataDir = caseDir(ctx, 'pack-verify');
    const core = createCore({ dataDir, logger: silentLogger, packing: { timeZone: 'Asia/Kuala_Lumpur' } });
    // One line with a unit for every scan the case makes (screen and bare alike).
    const quantity = 2 * (warmup + samples) + 1;
    const csv =
      'order_ref,sku,product_name,quantity,barcode,recipient_name,address1,city,country\r\n' +
      `${ORDER},MUG-350,Ceramic mug 350 ml,${quantity},${ITEM},Bench buyer,Jalan 1,Shah Alam,MY\r\n`;
    const report = await importErpCsv(core.db, core.packing.orders, new TextEncoder().encode(csv), {
      seller: 'bench',
      timeZone: 'Asia/Kuala_Lumpur',
    });
    if (!report.committed) throw new Error(`bench order not imported: ${JSON.stringify(report.errors)}`);
    ctx.log('pack verify: building the screens (when stale) and opening Chromium');
    const rendererDir = await ensureRendererBuilt(PACKAGE_ROOT, ctx.log);
    const server = await startStationServer({ core, rendererDir, port: 0 });
    const browser = await chromium.launch({
      executablePath,
      args: [...CHROMIUM_ARGS],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(server.openUrl);
      await page.locator('[data-testid=operator]').filter({ hasNotText: '—' }).waitFor();
      await page.keyboard.press('F10');
      await page.locator('[data-testid=pack-screen][data-step=scan_order]').waitFor();
      await page.keyboard.type(ORDER);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=pack-screen][data-step=scan_item]').waitFor();
      await page.evaluate(PROBES);

      let remaining = quantity;
      let n = 0;
      const screenScan = async (): Promise<number> => {
        remaining -= 1;
        await page.keyboard.type(ITEM);
        // Watching before the Enter goes out, so neither the key nor the new count can be missed.
        await page.evaluate(
          (expected) => (globalThis as unknown as { __packBench: Probes }).__packBench.arm(expected),
          String(remaining),
        );
        await page.keyboard.press('Enter');
        return page.evaluate(() => (globalThis as unknown as { __packBench: Probes }).__packBench.result());
      };
      const bareScan = (): Promise<number> => {
        remaining -= 1;
        const id = `bench-bare-${String(++n).padStart(6, '0')}`;
        return page.evaluate(
          ([code, actionId]) =>
            (globalThis as unknown as { __packBench: Probes }).__packBench.bare(
              code as string,
              actionId as string,
            ),
          [ITEM, id],
        );
      };
      ctx.log(`pack verify: ${warmup} warm-up + ${samples} samples, screen and bare call interleaved`);
      for (let w = 0; w < warmup; w++) {
        await screenScan();
        await bareScan();
      }
      const screen: number[] = [];
      const bare: number[] = [];
      for (let s = 0; s < samples; s++) {
        screen.push(await screenScan());
        bare.push(await bareScan());
      }
      const onScreen = summarize(screen);
      const call = summarize(bare);
      return [
        measurement({
          id: 'pack-verify.p99',
          name: 'Item scan → verified on screen, p99 (Chromium, station server)',
          unit: 'ms',
          figure: onScreen.p99,
          baseline: { name: 'packScanItem call alone from the page, p99', value: call.p99 },
          target: { on: 'figure', op: '<=', value: 50 },
          details: { screen: onScreen, bareCall: call },
        }),
        measurement({
          id: 'pack-verify.p50',
          name: 'Item scan → verified on screen, p50',
          unit: 'ms',
          figure: onScreen.p50,
          baseline: { name: 'packScanItem call alone from the page, p50', value: call.p50 },
        }),
      ];
    } finally {
      await browser.close();
      await server.close();
      await core.close();
    }
  },
};
