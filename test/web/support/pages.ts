import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Hex } from 'viem';
import type { WebStack } from './stack.js';
import { TestWallet } from './test-wallet.js';

/** Opens `path` of the app with a test wallet of `privateKey` injected (on the devnet) and connected. */
export async function openWithWallet(
  page: Page,
  stack: WebStack,
  path: string,
  privateKey: Hex,
): Promise<TestWallet> {
  const wallet = await TestWallet.inject(page, { privateKey, rpcUrl: stack.rpcUrl, chainId: 31337 });
  await page.goto(`${stack.baseUrl}${path}`);
  await page.getByRole('button', { name: 'Connect wallet' }).first().click();
  await page.getByRole('button', { name: 'Guildhall Test Wallet' }).click();
  await expect(page.getByLabel('Connected wallet')).toContainText(wallet.address.slice(0, 6));
  return wallet;
}

/** The serious and critical axe violations of the page as it is, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** The width of the page's content: above the viewport's, the page scrolls sideways. */
export const contentWidth = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
