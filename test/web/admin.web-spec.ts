import { expect, test, type Page } from '@playwright/test';
import { privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import {
  DaoDocument,
  DaoWithSettingsDocument,
  CreateRoundDocument,
  GuildhallClient,
  GuildhallSigner,
  ProposalTransfersDocument,
  ProposalsDocument,
  ReviewSettingsDocument,
  RoundsDocument,
} from '@guildhall/sdk';
import { parseTokenAmount } from '@guildhall/core';
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { WebStack } from './support/stack.js';
import { contentWidth, openWithWallet, seriousViolations } from './support/pages.js';
import type { TestWallet } from './support/test-wallet.js';

const DAO = 'web-admin';
const adminKey = DEV_ACCOUNTS[0].privateKey;
const admin = privateKeyToAccount(adminKey).address;

let stack: WebStack;
let client: GuildhallClient;
/** The devnet's governance token and Safe (the demo DAO's), and its 6-decimals payout token (dUSDC). */
let governanceToken: Address;
let safe: Address;
let payoutToken: Address;

/** `address` with one letter's case flipped: the same account, but its EIP-55 checksum no longer matches. */
function wrongChecksum(address: Address): string {
  const i = [...address].findIndex((char, index) => index > 1 && /[a-fA-F]/.test(char));
  const char = address[i];
  return (
    address.slice(0, i) +
    (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase()) +
    address.slice(i + 1)
  );
}

/** Opens `path` with the admin's test wallet injected and connected. */
const openAsAdmin = (page: Page, path: string) => openWithWallet(page, stack, path, adminKey);

const signatures = (wallet: TestWallet) => wallet.requested('eth_signTypedData_v4').length;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await WebStack.start();
  client = new GuildhallClient({ url: stack.graphqlUrl });
  const { dao: demo } = await client.request(DaoDocument, { slug: 'demo' });
  ({ governanceToken, safeAddress: safe } = demo);
  payoutToken = await stack.contract('payout token');
});

test.afterAll(async () => {
  await client?.close();
  await stack?.close();
});

test('an admin creates a DAO: a wrong checksum is refused before signing, the API’s token errors land on the token field, a declined signature writes nothing', async ({
  page,
}) => {
  const wallet = await openAsAdmin(page, '/');
  await page.getByRole('link', { name: 'Create a DAO' }).click();
  await expect(page.getByRole('heading', { name: 'Create a DAO' })).toBeVisible();
  await page.getByLabel('Slug').fill(DAO);
  await page.getByLabel('Name').fill('Web admin');
  await page.getByLabel('Safe address').fill(safe);
  await page.getByLabel('Voting period (seconds)').fill('3600');
  await page.getByLabel('Quorum kind').selectOption('ABSOLUTE');
  await page.getByLabel(/^Quorum \(/).fill('1.5');
  const tokenField = page.getByLabel('Governance token address');
  const sign = page.getByRole('button', { name: 'Sign and create the DAO' });

  await tokenField.fill(wrongChecksum(governanceToken));
  await expect(tokenField).toHaveAccessibleDescription(/Wrong checksum/);
  await sign.click();
  await expect(page.getByRole('alert').first()).toContainText('Governance token: Wrong checksum');

  // Not a token contract: the API's refusal of the token lookup, on the token field.
  await tokenField.fill(safe);
  await expect(tokenField).toHaveAccessibleDescription(/NOT_AN_ERC20: /);
  await sign.click();
  await expect(page.getByRole('alert').first()).toContainText('Governance token: NOT_AN_ERC20: ');
  expect(signatures(wallet)).toBe(0);

  // An ERC-20 without votes: signed, then refused by createDao, and shown on the token field.
  await tokenField.fill(payoutToken);
  await expect(tokenField).toHaveAccessibleDescription(/dUSDC, 6 decimals/);
  await sign.click();
  await expect(tokenField).toHaveAccessibleDescription(/NOT_AN_ERC20_VOTES_TOKEN: /);
  expect(signatures(wallet)).toBe(1);

  // A token where the Safe should be: createDao's NOT_A_SAFE, on the Safe field.
  await tokenField.fill(governanceToken.toLowerCase());
  await expect(tokenField).toHaveAccessibleDescription(/, 18 decimals/);
  await page.getByLabel('Safe address').fill(payoutToken);
  await sign.click();
  await expect(page.getByLabel('Safe address')).toHaveAccessibleDescription(/NOT_A_SAFE: /);
  await expect(tokenField).not.toHaveAccessibleDescription(/NOT_AN_ERC20/);
  expect(signatures(wallet)).toBe(2);
  await page.getByLabel('Safe address').fill(safe);
  await expect(page.getByLabel('Safe address')).not.toHaveAccessibleDescription(/NOT_A_SAFE/);

  // Declined in the wallet: a calm note, and no DAO.
  wallet.rejectNext('eth_signTypedData_v4');
  await sign.click();
  await expect(
    page.getByRole('status').filter({ hasText: 'You declined the request in your wallet' }),
  ).toBeVisible();
  await expect(client.request(DaoDocument, { slug: DAO })).rejects.toMatchObject({ code: 'DAO_NOT_FOUND' });

  await sign.click();
  await expect(page.getByRole('heading', { name: 'Web admin: proposals' })).toBeVisible();
  const { dao } = await client.request(DaoWithSettingsDocument, { slug: DAO });
  expect(dao).toMatchObject({
    name: 'Web admin',
    governanceToken,
    safeAddress: safe,
    votingPeriod: 3600,
    quorumKind: 'ABSOLUTE',
    quorum: parseTokenAmount('1.5', 18).toString(),
    proposalThreshold: parseTokenAmount('1', 18).toString(),
    admins: [admin],
  });
});

test('the admin edits the voting rules, the reviewers, the admins and the review policy; a non-admin sees them read-only', async ({
  page,
  context,
}) => {
  const wallet = await openAsAdmin(page, `/dao/${DAO}`);
  await page
    .getByRole('navigation', { name: 'DAO sections' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const rules = page.getByRole('region', { name: 'Name and voting rules' });
  await expect(rules.getByLabel('Voting period (seconds)')).toHaveValue('3600');
  await expect(rules.getByLabel(/^Quorum \(/)).toHaveValue('1.5');
  await rules.getByLabel('Voting period (seconds)').fill('7200');
  await expect(rules.getByText('= 2 hours')).toBeVisible();
  await rules.getByLabel('weighted').check();
  await rules.getByRole('button', { name: 'Sign the new settings' }).click();
  await expect(rules.getByText('Signed and recorded.')).toBeVisible();
  const { dao } = await client.request(DaoWithSettingsDocument, { slug: DAO });
  expect(dao.votingPeriod).toBe(7200);
  expect(dao.voteTypes).toContain('WEIGHTED');

  const reviewers = page.getByRole('region', { name: 'Reviewers' });
  const field = reviewers.getByLabel('Reviewers');
  await field.fill(`${DEV_ACCOUNTS[5].address}\n${wrongChecksum(DEV_ACCOUNTS[6].address)}`);
  const before = signatures(wallet);
  await reviewers.getByRole('button', { name: 'Sign the new reviewers' }).click();
  await expect(reviewers.getByRole('alert')).toContainText('Wrong checksum');
  expect(signatures(wallet)).toBe(before);
  await field.fill(`${DEV_ACCOUNTS[5].address}\n${DEV_ACCOUNTS[6].address}`);
  await reviewers.getByRole('button', { name: 'Sign the new reviewers' }).click();
  await expect(reviewers.getByText('Signed and recorded.')).toBeVisible();
  const { reviewers: stored } = await client.request(ReviewSettingsDocument, { dao: DAO });
  expect([...stored].sort()).toEqual([DEV_ACCOUNTS[5].address, DEV_ACCOUNTS[6].address].sort());

  const admins = page.getByRole('region', { name: 'Admins' });
  await admins.getByLabel('Admins').fill(`${admin}\n${DEV_ACCOUNTS[1].address}`);
  await admins.getByRole('button', { name: 'Sign the new admins' }).click();
  await expect(admins.getByText('Signed and recorded.')).toBeVisible();
  const { dao: withAdmins } = await client.request(DaoWithSettingsDocument, { slug: DAO });
  expect([...withAdmins.admins].sort()).toEqual([admin, DEV_ACCOUNTS[1].address].sort());

  const policy = page.getByRole('region', { name: 'Review policy' });
  await policy.getByLabel('Minimum reviews').fill('2');
  await policy.getByRole('button', { name: 'Sign the review policy' }).click();
  await expect(policy.getByText('Signed and recorded.')).toBeVisible();
  expect((await client.request(ReviewSettingsDocument, { dao: DAO })).reviewPolicy.minReviews).toBe(2);

  const other = await context.newPage();
  await openWithWallet(other, stack, `/dao/${DAO}/settings`, DEV_ACCOUNTS[4].privateKey);
  await expect(other.getByText('Only the DAO’s admins can change these settings')).toBeVisible();
  await expect(other.getByLabel('Voting period (seconds)')).toHaveValue('7200');
  await expect(other.getByLabel('Voting period (seconds)')).toBeDisabled();
  await expect(other.getByRole('textbox', { name: 'Reviewers' })).toBeDisabled();
  await expect(other.getByRole('textbox', { name: 'Admins' })).toBeDisabled();
  await expect(other.getByRole('button', { name: /^Sign/ })).toHaveCount(0);
});

test('the admin creates a round with a budget typed in token units: the stored budget is its base units', async ({
  page,
}) => {
  const wallet = await openAsAdmin(page, `/dao/${DAO}/rounds`);
  await expect(page.getByText('No round yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Create a round' }).click();
  await page.getByLabel('Name').fill('December models');
  await page.getByLabel('Payout token address').fill(payoutToken);
  await expect(page.getByLabel('Payout token address')).toHaveAccessibleDescription(/dUSDC, 6 decimals/);
  const budget = page.getByLabel('Budget (dUSDC)');
  await budget.fill('1,234.5678901');
  await expect(budget).toHaveAccessibleDescription(/at most 6 digits after the point/);
  await page.getByRole('button', { name: 'Sign and create the round' }).click();
  await expect(page.getByRole('alert')).toContainText('budget: dUSDC has 6 decimals');
  await page.getByLabel('Share of fine tuning').fill('5000');
  await budget.fill('1,234.56');
  await page.getByRole('button', { name: 'Sign and create the round' }).click();
  await expect(page.getByRole('alert')).toContainText('not 10000');
  expect(signatures(wallet)).toBe(0);
  await page.getByLabel('Share of fine tuning').fill('4000');
  await expect(page.getByLabel('What you will sign')).toContainText('a budget of 1,234.56 dUSDC');
  await page.getByRole('button', { name: 'Sign and create the round' }).click();

  await expect(page.getByRole('heading', { name: 'Web admin: reward rounds' })).toBeVisible();
  const card = page.getByTestId('round');
  await expect(card.getByTestId('round-budget')).toHaveText('1,234.56 dUSDC');
  await expect(card.locator('.state')).toHaveText('open');
  const { rounds } = await client.request(RoundsDocument, { dao: DAO });
  expect(rounds.nodes).toHaveLength(1);
  expect(rounds.nodes[0].budget).toBe(parseTokenAmount('1,234.56', 6).toString());
  expect(rounds.nodes[0].budget).toBe('1234560000');
  expect(rounds.nodes[0].pools).toEqual([
    { kind: 'FINE_TUNING', shareBps: 4000, floorBps: 0 },
    { kind: 'SAFETY_EVALUATION', shareBps: 3000, floorBps: 0 },
    { kind: 'RED_TEAMING', shareBps: 3000, floorBps: 0 },
  ]);

  // An admin action on the round: cancel it, with a reason.
  await card.getByText('Cancel', { exact: true }).click();
  await card.getByLabel('Why cancel “December models”?').fill('Wrong dates');
  await card.getByRole('button', { name: 'Sign and cancel' }).click();
  await expect(card.locator('.state')).toHaveText('canceled');
  expect((await client.request(RoundsDocument, { dao: DAO })).rounds.nodes[0].state).toBe('CANCELED');
});

test('the admin proposes a transfer of 250.5 of a 6-decimals token: exact base units, previewed before signing, shown on its page', async ({
  page,
}) => {
  const wallet = await openAsAdmin(page, `/dao/${DAO}`);
  await page.getByRole('link', { name: 'New proposal' }).click();
  await page.getByLabel('Title').fill('Pay the evaluator');
  await expect(page.getByLabel('Vote type')).toHaveValue('basic');
  await page.getByRole('button', { name: 'Add a transfer' }).click();
  const transfer = page.getByRole('group', { name: 'Transfer 1' });
  const payee = DEV_ACCOUNTS[7].address;
  await transfer.getByLabel('Token address').fill(payoutToken);
  await transfer.getByLabel('Recipient address').fill(payee);
  await transfer.getByLabel('Amount').fill('250.5000001');
  await expect(transfer.getByLabel('Amount')).toHaveAccessibleDescription(/dUSDC has 6 decimals/);
  await page.getByRole('button', { name: 'Sign and create the proposal' }).click();
  await expect(page.getByRole('alert').last()).toContainText('A transfer is not complete yet.');
  expect(signatures(wallet)).toBe(0);

  await transfer.getByLabel('Amount').fill('250.5');
  const preview = `250.5 dUSDC to ${payee.slice(0, 6)}…${payee.slice(-4)}`;
  await expect(transfer.getByTestId('transfer-preview')).toHaveText(`Transfer ${preview}Copy`);
  await expect(page.getByLabel('What you will sign')).toContainText(`the Safe transfers ${preview}`);

  // Declined: nothing is written.
  const { proposals: before } = await client.request(ProposalsDocument, { dao: DAO });
  wallet.rejectNext('eth_signTypedData_v4');
  await page.getByRole('button', { name: 'Sign and create the proposal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You declined the request' })).toBeVisible();
  expect((await client.request(ProposalsDocument, { dao: DAO })).proposals.nodes).toHaveLength(
    before.nodes.length,
  );

  await page.getByRole('button', { name: 'Sign and create the proposal' }).click();
  await expect(page.getByRole('heading', { name: 'Pay the evaluator' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Actions if it passes' }).getByRole('listitem')).toHaveText(
    `Transfer ${preview}Copy`,
  );
  const id = new URL(page.url()).pathname.split('/').pop()!;
  const { proposal } = await client.request(ProposalTransfersDocument, { id });
  expect(proposal.actions).toHaveLength(1);
  expect(proposal.actions[0].to).toBe(payoutToken);
  expect(proposal.actions[0].transfer).toMatchObject({ to: payee, amount: '250500000' });
});

test('a round the worker finalized offers its payouts to the Safe; the API’s answer is shown with its code', async ({
  page,
}) => {
  const signer = new GuildhallSigner(privateKeyToAccount(adminKey), 31337);
  const now = Date.now();
  const { createRound } = await client.request(
    CreateRoundDocument,
    await signer.createRound({
      dao: DAO,
      name: 'A short round',
      token: payoutToken,
      budget: parseTokenAmount('100', 6),
      submissionsOpenAt: new Date(now),
      submissionsCloseAt: new Date(now + 3_000),
      reviewDeadline: new Date(now + 6_000),
      pools: [{ kind: 'FINE_TUNING', shareBps: 10_000 }],
    }),
  );
  await expect
    .poll(
      async () =>
        (await client.request(RoundsDocument, { dao: DAO })).rounds.nodes.find(
          (round) => round.id === createRound.id,
        )?.state,
      { timeout: 60_000 },
    )
    .toBe('FINALIZED');

  await openAsAdmin(page, `/dao/${DAO}/rounds`);
  const card = page.getByTestId('round').filter({ hasText: 'A short round' });
  await expect(card.locator('.state')).toHaveText('finalized');
  await expect(card.getByTestId('round-budget')).toHaveText('100 dUSDC');
  await card.getByRole('button', { name: 'Propose the payouts to the Safe' }).click();
  // Nobody contributed: nothing is allocated, so the API has no payout to propose, and says so.
  await expect(card.getByRole('alert')).toContainText('NOTHING_TO_PAY: ');
  await expect(card.getByRole('button', { name: 'Propose the payouts to the Safe' })).toBeEnabled();
});

test('the admin pages have no serious or critical accessibility violations and fit 375 px', async ({
  page,
}) => {
  await openAsAdmin(page, '/');
  const pages: ReadonlyArray<[string, string]> = [
    ['/new-dao', 'Create a DAO'],
    [`/dao/${DAO}/settings`, 'Web admin: settings'],
    [`/dao/${DAO}/rounds`, 'Web admin: reward rounds'],
    [`/dao/${DAO}/rounds/new`, 'Web admin: new reward round'],
    [`/dao/${DAO}/proposals/new`, 'Web admin: new proposal'],
  ];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [path, heading] of pages) {
      await page.goto(`${stack.baseUrl}${path}`);
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
      expect(await seriousViolations(page), `${path} at ${width} px`).toEqual([]);
      expect(await contentWidth(page), `${path} at ${width} px`).toBeLessThanOrEqual(width);
    }
  }
});

test('an API error without a field is shown with its code: a round from a non-admin is refused', async ({
  page,
}) => {
  await openWithWallet(page, stack, `/dao/${DAO}/rounds/new`, DEV_ACCOUNTS[4].privateKey);
  await expect(page.getByText('Only the DAO’s admins create rounds')).toBeVisible();
  await page.getByLabel('Name').fill('Not mine');
  await page.getByLabel('Payout token address').fill(payoutToken);
  await page.getByLabel('Budget (dUSDC)').fill('10');
  await page.getByRole('button', { name: 'Sign and create the round' }).click();
  await expect(page.getByRole('alert').last()).toContainText('NOT_A_DAO_ADMIN: ');
  const { rounds } = await client.request(RoundsDocument, { dao: DAO });
  expect(rounds.nodes.map((round) => round.name)).not.toContain('Not mine');
});
