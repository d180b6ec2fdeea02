import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { encodeFunctionData, erc20Abi, type Hex } from 'viem';
import {
  CreateDaoDocument,
  CreateProposalDocument,
  DaoDocument,
  GuildhallClient,
  type GuildhallSigner,
  ProposalDocument,
  ProposalsDocument,
  TokenDocument,
  type TokenFieldsFragment,
  type VotingRules,
} from '@guildhall/sdk';
import { formatTokenValue, VOTE_TYPES } from '@guildhall/core';
import { devSigner, permissiveRules } from '../support/actors.js';
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { connect, contentWidth, seriousViolations } from './support/pages.js';
import { screenshot } from './support/screenshots.js';
import { WebStack } from './support/stack.js';
import { TestWallet } from './support/test-wallet.js';

const DAO = 'web-votes';
const CHAIN_ID = 31337;
const CHOICES = ['Alpha', 'Beta', 'Gamma'];

/** How the voter fills each ballot in the page, and the choice the API must have stored. */
const BALLOTS: ReadonlyArray<{
  type: VotingRules['voteTypes'][number];
  fill: (page: Page) => Promise<void>;
  stored: unknown;
}> = [
  { type: 'basic', fill: (page) => page.getByLabel('Against').check(), stored: 2 },
  { type: 'single-choice', fill: (page) => page.getByLabel('Beta').check(), stored: 2 },
  {
    type: 'approval',
    fill: async (page) => {
      await page.getByLabel('Alpha').check();
      await page.getByLabel('Gamma').check();
    },
    stored: [1, 3],
  },
  {
    type: 'weighted',
    fill: async (page) => {
      await page.getByLabel('Weight for Alpha').fill('3');
      await page.getByLabel('Weight for Gamma').fill('1');
    },
    stored: { 1: 3, 3: 1 },
  },
  {
    type: 'quadratic',
    fill: async (page) => {
      await page.getByLabel('Weight for Beta').fill('1');
      await page.getByLabel('Weight for Gamma').fill('4');
    },
    stored: { 2: 1, 3: 4 },
  },
  {
    type: 'ranked-choice',
    fill: async (page) => {
      await page.getByRole('button', { name: 'Move “Gamma” up' }).click();
      await page.getByRole('button', { name: 'Move “Gamma” up' }).click();
    },
    stored: [3, 1, 2],
  },
];

let stack: WebStack;
let client: GuildhallClient;
/** The governance token (votes are counted in its units). */
let token: TokenFieldsFragment;
const admin = devSigner(0);
const voterKey = DEV_ACCOUNTS[4].privateKey;

type Actions = Parameters<GuildhallSigner['createProposal']>[0]['actions'];

async function propose(
  type: VotingRules['voteTypes'][number],
  title = `A ${type} poll`,
  actions: Actions = [],
): Promise<string> {
  const { createProposal } = await client.request(
    CreateProposalDocument,
    await admin.createProposal({
      dao: DAO,
      title,
      body: `Which one, by ${type}?`,
      voteType: type,
      choices: type === 'basic' ? ['For', 'Against', 'Abstain'] : CHOICES,
      actions,
    }),
  );
  return createProposal.id;
}

/** A new proposal of `type`, opened in `page` with a test wallet (the voter's key unless told) connected. */
async function openProposal(
  page: Page,
  type: VotingRules['voteTypes'][number],
  title: string,
  wallet: { privateKey?: Hex; personalSignOnly?: boolean } = {},
): Promise<{ wallet: TestWallet; id: string }> {
  const injected = await TestWallet.inject(page, {
    privateKey: wallet.privateKey ?? voterKey,
    rpcUrl: stack.rpcUrl,
    chainId: CHAIN_ID,
    ...(wallet.personalSignOnly === true ? { personalSignOnly: true } : {}),
  });
  const id = await propose(type, title);
  await page.goto(`${stack.baseUrl}/dao/${DAO}/proposal/${id}`);
  await connect(page, injected);
  return { wallet: injected, id };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await WebStack.start();
  client = new GuildhallClient({ url: stack.graphqlUrl });
  const { dao: demo } = await client.request(DaoDocument, { slug: 'demo' });
  ({ token } = await client.request(TokenDocument, { address: demo.governanceToken }));
  await client.request(
    CreateDaoDocument,
    await admin.createDao({
      dao: DAO,
      name: 'Web votes',
      governanceToken: demo.governanceToken,
      safe: demo.safeAddress,
      rules: { ...permissiveRules, voteTypes: [...VOTE_TYPES] },
    }),
  );
});

test.afterAll(async () => {
  await client?.close();
  await stack?.close();
});

test('a voter connects, votes on each of the six vote types, and each stored tally is what `guildhall recount` computes', async ({
  page,
}) => {
  const wallet = await TestWallet.inject(page, {
    privateKey: voterKey,
    rpcUrl: stack.rpcUrl,
    chainId: CHAIN_ID,
  });
  await page.goto(stack.baseUrl);
  await expect(page.getByRole('link', { name: 'Web votes' })).toBeVisible();
  await connect(page, wallet);

  // A reload keeps the session: the wallet answers eth_accounts without a prompt.
  await page.reload();
  await expect(page.getByLabel('Connected wallet')).toContainText(wallet.address.slice(0, 6));
  expect(wallet.requested('eth_requestAccounts')).toHaveLength(1);

  for (const ballot of BALLOTS) {
    const id = await propose(ballot.type);
    await page.goto(`${stack.baseUrl}/dao/${DAO}/proposal/${id}`);
    await expect(page.getByRole('heading', { name: `A ${ballot.type} poll` })).toBeVisible();
    await expect(page.getByTestId('voting-power')).toHaveText(/^[1-9][\d,.]* \S+$/);
    await ballot.fill(page);
    await page.getByLabel('Reason (optional)').fill(`my ${ballot.type} vote`);
    // What will be signed is in words on the page before the wallet opens.
    await expect(page.getByLabel('What you will sign')).toContainText(`A ${ballot.type} poll`);
    const signatures = wallet.requested('eth_signTypedData_v4').length;
    await page.getByRole('button', { name: 'Sign vote' }).click();
    await expect(page.getByText('Signed and recorded.')).toBeVisible();
    expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(signatures + 1);

    const { proposal } = await client.request(ProposalDocument, { id, first: 10 });
    expect(proposal.voteCount).toBe(1);
    expect(proposal.votes.nodes[0]).toMatchObject({
      voter: wallet.address,
      reason: `my ${ballot.type} vote`,
    });
    expect(JSON.parse(proposal.votes.nodes[0].choice)).toEqual(ballot.stored);
    // The page shows the tally the API stored, every score of it.
    for (const [i, score] of proposal.tally.scores.entries())
      await expect(
        page
          .getByTestId(`score-${i + 1}`)
          .getByRole('cell')
          .nth(1),
      ).toHaveText(formatTokenValue(BigInt(score), token));
    expect(proposal.tally.scoresTotal).not.toBe('0');

    const exported = join(tmpdir(), `guildhall-web-export-${id}.json`);
    writeFileSync(exported, await stack.cli('export', 'proposal', id));
    const recounted = JSON.parse(await stack.cli('recount', '--input', exported)) as unknown;
    expect(recounted).toEqual({
      scores: proposal.tally.scores,
      scoresTotal: proposal.tally.scoresTotal,
      quorumReached: proposal.tally.quorumReached,
    });
  }
});

test('a signature declined in the wallet is a calm note and writes no vote; an incomplete ballot never opens the wallet', async ({
  page,
}) => {
  const { wallet, id } = await openProposal(page, 'approval', 'A declined vote');

  await page.getByRole('button', { name: 'Sign vote' }).click();
  await expect(page.getByRole('alert')).toHaveText('Make your choice first.');
  await page.getByLabel('Beta').check();
  await page.getByLabel('Beta').uncheck();
  await page.getByRole('button', { name: 'Sign vote' }).click();
  await expect(page.getByRole('alert')).toHaveText('Approve at least one choice.');
  expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(0);

  await page.getByLabel('Beta').check();
  wallet.rejectNext('eth_signTypedData_v4');
  await page.getByRole('button', { name: 'Sign vote' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'You declined the request in your wallet' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(1);
  const { proposal } = await client.request(ProposalDocument, { id });
  expect(proposal.voteCount).toBe(0);
  expect(proposal.votes.nodes).toEqual([]);
});

test('a wallet on another chain is asked to switch, and nothing is signed before the chains match; another tab sees the vote live', async ({
  page,
  context,
}) => {
  const wallet = await TestWallet.inject(page, {
    privateKey: DEV_ACCOUNTS[5].privateKey,
    rpcUrl: stack.rpcUrl,
    chainId: 1,
  });
  const id = await propose('single-choice', 'A vote from the wrong chain');
  // Someone else watching the proposal, without a wallet: the tally follows the voteCast subscription.
  const watcher = await context.newPage();
  await watcher.goto(`${stack.baseUrl}/dao/${DAO}/proposal/${id}`);
  await expect(watcher.getByText(/^0 votes · quorum not reached · ends in/)).toBeVisible();
  await page.goto(`${stack.baseUrl}/dao/${DAO}/proposal/${id}`);
  await connect(page, wallet);
  await page.getByLabel('Gamma').check();

  await expect(page.getByRole('region', { name: 'Wrong network' })).toContainText(
    'Your wallet is on Ethereum',
  );
  await expect(page.getByRole('button', { name: 'Sign vote' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Switch to Guildhall devnet' }).click();
  await expect(page.getByLabel('Connected wallet')).toContainText('Guildhall devnet');
  expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(0);
  const switched = wallet.requests.findIndex((request) => request.method === 'wallet_switchEthereumChain');

  await page.getByRole('button', { name: 'Sign vote' }).click();
  await expect(page.getByText('Signed and recorded.')).toBeVisible();
  const signed = wallet.requests.findIndex((request) => request.method === 'eth_signTypedData_v4');
  expect(signed).toBeGreaterThan(switched);
  const { proposal } = await client.request(ProposalDocument, { id, first: 10 });
  expect(proposal.votes.nodes.map((vote) => [vote.voter, vote.choice])).toEqual([[wallet.address, '3']]);
  await expect(watcher.getByText(/^1 vote · quorum reached · ends in/)).toBeVisible();
  await expect(watcher.getByTestId('score-3').getByRole('cell').nth(1)).toHaveText(
    formatTokenValue(BigInt(proposal.tally.scores[2]), token),
  );
  await expect(watcher.getByTestId('score-3')).toContainText('(leading)');
});

test('the home and proposal pages have no serious or critical accessibility violations, at 375 px too', async ({
  page,
}) => {
  const wallet = await TestWallet.inject(page, {
    privateKey: voterKey,
    rpcUrl: stack.rpcUrl,
    chainId: CHAIN_ID,
  });
  // An ERC-20 transfer from the treasury, shown in the token's units.
  const payee = DEV_ACCOUNTS[7].address;
  const id = await propose('basic', 'An accessible poll', [
    {
      to: token.address,
      value: 0n,
      data: encodeFunctionData({
        abi: erc20Abi,
        functionName: 'transfer',
        args: [payee, 250n * 10n ** BigInt(token.decimals)],
      }),
      operation: 0,
    },
  ]);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(stack.baseUrl);
    await expect(page.getByRole('link', { name: 'Web votes' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${stack.baseUrl}/dao/${DAO}/proposal/${id}`);
    await expect(page.getByRole('heading', { name: 'An accessible poll' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Actions if it passes' }).getByRole('listitem')).toHaveText(
      `Transfer 250 ${token.symbol} to ${payee.slice(0, 6)}…${payee.slice(-4)}Copy`,
    );
    if (width === 1280) await connect(page, wallet);
    await expect(page.getByRole('button', { name: 'Sign vote' })).toBeVisible();
    if (width === 1280) await screenshot(page, 'proposal');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing wider than the screen.
    expect(await contentWidth(page)).toBeLessThanOrEqual(width);
  }
});

test('a voter changes their vote where the DAO allows it; the API’s refusal shows its code and message', async ({
  page,
}) => {
  const { id } = await openProposal(page, 'single-choice', 'A vote to change');
  await page.getByLabel('Alpha').check();
  await page.getByRole('button', { name: 'Sign vote' }).click();
  await expect(page.getByText('Signed and recorded.')).toBeVisible();
  await expect(page.getByText('You voted 1; this DAO lets you change your vote.')).toBeVisible();

  await page.getByLabel('Gamma').check();
  await page.getByRole('button', { name: 'Sign changed vote' }).click();
  await expect(page.getByText('You voted 3; this DAO lets you change your vote.')).toBeVisible();
  const { proposal } = await client.request(ProposalDocument, { id, first: 10 });
  expect(proposal.voteCount).toBe(1);
  expect(proposal.votes.nodes.map((vote) => vote.choice)).toEqual(['3']);

  // An account without voting power at the snapshot: signed, then refused by the API.
  const { generatePrivateKey } = await import('viem/accounts');
  const other = await page.context().newPage();
  const powerless = await TestWallet.inject(other, {
    privateKey: generatePrivateKey(),
    rpcUrl: stack.rpcUrl,
    chainId: CHAIN_ID,
    rdns: 'dev.guildhall.powerless',
  });
  await other.goto(`${stack.baseUrl}/dao/${DAO}/proposal/${id}`);
  await connect(other, powerless);
  await expect(other.getByTestId('voting-power')).toHaveText(`0 ${token.symbol}`);
  await other.getByLabel('Beta').check();
  await other.getByRole('button', { name: 'Sign vote' }).click();
  await expect(other.getByRole('alert')).toContainText('NO_VOTING_POWER: ');
  expect((await client.request(ProposalDocument, { id })).proposal.voteCount).toBe(1);
});

test('a wallet that only signs with personal_sign (a hardware wallet) gets a clear message and writes nothing', async ({
  page,
}) => {
  const { wallet, id } = await openProposal(page, 'basic', 'A vote from a hardware wallet', {
    privateKey: DEV_ACCOUNTS[6].privateKey,
    personalSignOnly: true,
  });
  await page.getByLabel('For').check();
  await page.getByRole('button', { name: 'Sign vote' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot sign typed data');
  expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(1);
  expect((await client.request(ProposalDocument, { id })).proposal.voteCount).toBe(0);
});

test('the proposals list filters by state and pages with cursors', async ({ page }) => {
  const { proposals } = await client.request(ProposalsDocument, { dao: DAO, first: 100 });
  for (let i = proposals.nodes.length; i < 23; i++) await propose('basic', `Filler ${i}`);
  const total = Math.max(proposals.nodes.length, 23);
  await page.goto(`${stack.baseUrl}/dao/${DAO}`);
  await expect(page.getByRole('heading', { name: 'Web votes: proposals' })).toBeVisible();
  const cards = page.locator('.cards > li');
  await expect(cards).toHaveCount(20);
  const firstPage = await cards.locator('h2').allTextContents();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(cards).toHaveCount(total - 20);
  const secondPage = await cards.locator('h2').allTextContents();
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(cards.locator('h2')).toHaveText(firstPage);

  await page.getByLabel('State').selectOption('CANCELED');
  await expect(page.getByText('No proposal in state canceled.')).toBeVisible();
  await page.getByLabel('State').selectOption('ACTIVE');
  await expect(cards).toHaveCount(20);
  await expect(cards.first()).toContainText('active');
});
