import type { Page } from 'playwright-core';

/**
 * The packing screen as a browser test drives it: every answer of the bench is numbered
 * (`data-seq` on the feedback banner), so a test waits for the answer to its own scan or key,
 * never for time.
 */
export const packFeedback = (page: Page) => page.getByTestId('pack-feedback');

export async function packSeq(page: Page): Promise<number> {
  return Number(await packFeedback(page).getAttribute('data-seq'));
}

/** Waits for the answer after `seq` and returns its kind (`opened`, `allVerified`, …). */
export async function packAnswerAfter(page: Page, seq: number): Promise<string> {
  await page
    .locator('[data-testid=pack-feedback]:not([data-stale=true])')
    .and(page.locator(`[data-seq]:not([data-seq="${seq}"])`))
    .waitFor();
  return (await packFeedback(page).getAttribute('data-kind')) ?? '';
}

/** Types a code as a scanner does (`delay` ms a key) with Enter, and answers the bench's reply. */
export async function packScan(page: Page, code: string, delay = 0): Promise<string> {
  const before = await packSeq(page);
  await page.keyboard.type(code, { delay });
  await page.keyboard.press('Enter');
  return packAnswerAfter(page, before);
}

export async function packPress(page: Page, key: string): Promise<string> {
  const before = await packSeq(page);
  await page.keyboard.press(key);
  return packAnswerAfter(page, before);
}

/** Resolves once the bench's next action is `id` (`complete`, `scan_order`, …). */
export function packStep(page: Page, id: string): Promise<void> {
  return page.locator(`[data-testid=pack-screen][data-step=${id}]`).waitFor();
}
