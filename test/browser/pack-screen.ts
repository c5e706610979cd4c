import type { Page } from 'playwright-core';

/**
 * What a packing browser test does at the bench: every answer of the bench is numbered
 * (`data-seq` on the feedback banner), so a test waits for the answer after the one it saw
 * before scanning, never for a time.
 */
export const packFeedback = (page: Page) => page.getByTestId('pack-feedback');

export async function seqOf(page: Page): Promise<number> {
  return Number(await packFeedback(page).getAttribute('data-seq'));
}

/** Waits for the answer after the one numbered `seq` and returns its kind. */
export async function answerAfter(page: Page, seq: number): Promise<string> {
  await page
    .locator('[data-testid=pack-feedback]:not([data-stale=true])')
    .and(page.locator(`[data-seq]:not([data-seq="${seq}"])`))
    .waitFor();
  const now = await seqOf(page);
  if (!(now > seq)) throw new Error(`the bench's answer ${now} is not after ${seq}`);
  return (await packFeedback(page).getAttribute('data-kind')) ?? '';
}

/** Types a code (at scanner speed when `delay` is given), Enter, and returns the bench's answer. */
export async function scanAndWait(page: Page, code: string, delay = 0): Promise<string> {
  const before = await seqOf(page);
  await page.keyboard.type(code, { delay });
  await page.keyboard.press('Enter');
  return answerAfter(page, before);
}

/** Presses one key (after typing `text`, when given) and returns the bench's answer. */
export async function pressAndWait(page: Page, key: string, text?: string): Promise<string> {
  const before = await seqOf(page);
  if (text !== undefined) await page.keyboard.type(text);
  await page.keyboard.press(key);
  return answerAfter(page, before);
}

export const packStep = (page: Page, id: string) =>
  page.locator(`[data-testid=pack-screen][data-step=${id}]`).waitFor();

/** F10 opens the packing bench; it is ready when it asks for an order. */
export async function openPackBench(page: Page): Promise<void> {
  await page.keyboard.press('F10');
  await packStep(page, 'scan_order');
}
