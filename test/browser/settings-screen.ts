import type { Page } from 'playwright-core';
import { TEST_ADMIN } from '../helpers/session';

/** Keeps every answer of the station's API the page receives, as text (to prove what never left). */
export function recordApiAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/api/')) return;
    void response.text().then(
      (text) => answers.push(text),
      () => undefined,
    );
  });
  return answers;
}

/** Opens Settings by its own function key, whichever position it has in the rail. */
export async function openSettings(page: Page): Promise<void> {
  const key = await page.locator('nav button[data-screen=settings]').getAttribute('aria-keyshortcuts');
  await page.keyboard.press(key?.split(' ')[0] ?? 'F7');
}

/** Signs the test admin in from the Settings screen's Sign in button, PIN typed. */
export async function signInTestAdmin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .locator('label.user-choice')
    .filter({ has: page.locator('.user-name', { hasText: new RegExp(`^${TEST_ADMIN.name}$`) }) })
    .click();
  await dialog
    .locator('label.user-choice[data-selected=true] .user-name', {
      hasText: new RegExp(`^${TEST_ADMIN.name}$`),
    })
    .waitFor();
  await dialog.getByLabel('PIN').fill(TEST_ADMIN.pin);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await dialog.waitFor({ state: 'detached' });
}
