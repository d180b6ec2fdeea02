import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * The README's pictures of the web app are taken by the browser tests themselves: with
 * GUILDHALL_SCREENSHOTS=DIR (`npm run readme:screenshots`), the page as the test sees it at that
 * step goes to DIR/NAME.png. Without it, nothing is written.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  // A switch of the test run, not configuration.
  // eslint-disable-next-line no-restricted-syntax
  const dir = process.env.GUILDHALL_SCREENSHOTS;
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
}
