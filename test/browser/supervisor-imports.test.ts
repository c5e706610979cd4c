import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERVISOR_PIN, signInSupervisor } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

const HEADER =
  'order_ref,sku,product_name,quantity,unit_weight_g,barcode,recipient_name,address1,city,postcode,country';
const GOOD = [
  HEADER,
  'SO-IMP-1,MUG-01,Enamel mug,2,300,9555000000017,Pembeli Satu,Jalan 1,Shah Alam,40000,MY',
  'SO-IMP-2,PLATE-02,Plate,1,200,9555000000024,Pembeli Dua,Jalan 2,Shah Alam,40000,MY',
].join('\r\n');
// The second order's quantity is a word: the whole file is refused, the line named.
const BAD = GOOD.replace('SO-IMP-2,PLATE-02,Plate,1,', 'SO-IMP-2,PLATE-02,Plate,one,');
const SKU_CLASSES = ['sku,item_class', 'PWR-10K,battery', 'SPRAY-1,aerosol|liquid'].join('\r\n');

/**
 * The supervisor's Imports tab in Chromium, at a clerk's screen (each import asks a supervisor's
 * PIN): an ERP file with one bad row imports nothing and names the row in the screen's words; the
 * fixed file puts both orders in the pack queue; the SKU item-class list is stored.
 */
describe('imports on the supervisor screen in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-imports-'), {
      packing: { timeZone: 'Asia/Kuala_Lumpur' },
      beforeServe: async (core) => {
        // Sets the supervisor's PIN, then leaves the screen to the clerk.
        await signInSupervisor(core, 'setup');
        await core.dispatch('signOut', {}, { clientId: 'setup' });
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    temp.cleanup();
  });

  const prompt = () => page.getByTestId('supervisor-prompt');
  async function approveWithPin(): Promise<void> {
    // Filled, not typed: under load the first keys could come before the field has the focus.
    await prompt().getByLabel(/PIN/).fill(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await prompt().waitFor({ state: 'detached' });
  }
  const outcome = () => page.getByTestId('import-outcome');
  const queued = () =>
    station.core.db
      .prepare<[], { external_id: string }>(
        "SELECT external_id FROM outbound_orders WHERE source = 'erp:acme' ORDER BY external_id",
      )
      .all()
      .map((r) => r.external_id);
  const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('refuses a file with a bad row, naming it; the fixed file fills the pack queue', async () => {
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.getByRole('tab', { name: 'Imports', selected: true }).waitFor();

    // No seller yet: said at once, nothing sent.
    await page.getByTestId('import-orders-file').setInputFiles(file('orders.csv', GOOD));
    await page.locator('[role=alert]').getByText('Type the seller first.').waitFor();
    await expect(prompt().count()).resolves.toBe(0);

    await page.getByTestId('import-seller').fill('acme');
    await page.getByTestId('import-orders-file').setInputFiles(file('orders-bad.csv', BAD));
    await approveWithPin();
    await page.locator('[data-testid=import-outcome][data-committed=false]').waitFor();
    await expect(outcome().textContent()).resolves.toContain(
      'orders-bad.csv: nothing imported — 1 problem to fix first.',
    );
    const problem = outcome().locator('tbody tr');
    await expect(problem.count()).resolves.toBe(1);
    await expect(problem.getAttribute('data-code')).resolves.toBe('invalid_value');
    await expect(problem.textContent()).resolves.toMatch(/^3quantityThis value cannot be used\./);
    await screenshot(page, 'supervisor-imports-refused');
    expect(queued()).toEqual([]);

    await page.getByTestId('import-orders-file').setInputFiles(file('orders.csv', GOOD));
    await approveWithPin();
    await page.locator('[data-testid=import-outcome][data-committed=true]').waitFor();
    await expect(outcome().textContent()).resolves.toContain('orders.csv: 2 new, 0 updated, 0 unchanged.');
    expect(queued()).toEqual(['SO-IMP-1', 'SO-IMP-2']);

    // The same file again changes nothing.
    await page.getByTestId('import-orders-file').setInputFiles(file('orders.csv', GOOD));
    await approveWithPin();
    await outcome().getByText('orders.csv: 0 new, 0 updated, 2 unchanged.').waitFor();
  });

  it('stores the SKU item-class list', async () => {
    await page.getByTestId('import-sku-file').setInputFiles(file('sku-classes.csv', SKU_CLASSES));
    await approveWithPin();
    await outcome().getByText('sku-classes.csv: 2 SKU(s) listed.').waitFor();
    await screenshot(page, 'supervisor-imports-sku');
    const rows = station.core.db
      .prepare<[], { sku: string; item_classes: string; imported_by: string }>(
        'SELECT sku, item_classes, imported_by FROM pack_sku_item_classes ORDER BY sku',
      )
      .all();
    expect(rows).toEqual([
      { sku: 'PWR-10K', item_classes: '["battery"]', imported_by: 'supervisor' },
      { sku: 'SPRAY-1', item_classes: expect.stringMatching(/aerosol/), imported_by: 'supervisor' },
    ]);
  });
});
