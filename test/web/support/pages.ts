import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import type { Hex } from 'viem';
import type { WebStack } from './stack.js';
import { TestWallet } from './test-wallet.js';

/** Connects the injected test wallet through the app's wallet button. */
export async function connect(page: Page, wallet: TestWallet): Promise<void> {
  await page.getByRole('button', { name: 'Connect wallet' }).first().click();
  await page.getByRole('button', { name: 'Guildhall Test Wallet' }).click();
  await expect(page.getByLabel('Connected wallet')).toContainText(wallet.address.slice(0, 6));
}

/** Opens `path` of the app with a test wallet of `privateKey` injected (on the devnet) and connected. */
export async function openWithWallet(
  page: Page,
  stack: WebStack,
  path: string,
  privateKey: Hex,
): Promise<TestWallet> {
  const wallet = await TestWallet.inject(page, { privateKey, rpcUrl: stack.rpcUrl, chainId: 31337 });
  await page.goto(`${stack.baseUrl}${path}`);
  await connect(page, wallet);
  return wallet;
}

/** Like `openWithWallet`, in a browser context of its own: another person at another machine. */
export async function openAs(
  browser: Browser,
  stack: WebStack,
  privateKey: Hex,
  path: string,
): Promise<{ page: Page; wallet: TestWallet }> {
  const page = await (await browser.newContext()).newPage();
  return { page, wallet: await openWithWallet(page, stack, path, privateKey) };
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
