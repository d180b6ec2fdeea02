import { expect, test, type Page } from '@playwright/test';
import type { Address } from 'viem';
import {
  BountyDocument,
  ClaimBountyDocument,
  CreateBountyDocument,
  CreateDaoDocument,
  GuildhallClient,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitBountyWorkDocument,
  UpsertContributorProfileDocument,
} from '@guildhall/sdk';
import { formatTokenValue } from '@guildhall/core';
import { deployDevStack } from '../../libs/chain/src/devnet/deploy-dev-stack.js';
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { devSigner, permissiveRules, sha256, sleep } from '../support/actors.js';
import { tokenBalance, waitFor } from '../support/rounds.js';
import { cosign, dropFile, evidenceFile, fillAttestation, signAttestation } from './support/contributions.js';
import { openAs, seriousViolations } from './support/pages.js';
import { WebStack } from './support/stack.js';

const DAO = 'web-bounties';
const BOUNTY = 'Red-team the refusal policy';
const WORK = 'Refusal policy sweep';
const admin = devSigner(0);
const key = (index: number) => DEV_ACCOUNTS[index].privateKey;
/** The devnet's payout token: 6 decimals, 1,000,000 of it on the DAO's Safe. */
const DUSDC = { symbol: 'dUSDC', decimals: 6 };
/** The reward typed in the form, and what it is in base units. */
const REWARD = '250.5';
const REWARD_UNITS = 250_500_000n;

let stack: WebStack;
let client: GuildhallClient;
let payoutToken: Address;

test.beforeAll(async () => {
  stack = await WebStack.start();
  client = new GuildhallClient({ url: stack.graphqlUrl });
  // A DAO on a fresh 2-of-3 Safe of the devnet (owners: dev accounts 1–3), funded with the payout token.
  const dev = await deployDevStack(stack.rpcUrl);
  payoutToken = dev.payoutToken;
  await client.request(
    CreateDaoDocument,
    await admin.createDao({
      dao: DAO,
      name: 'Web bounties',
      governanceToken: dev.governanceToken,
      safe: dev.daoSafe,
      rules: permissiveRules,
    }),
  );
  await client.request(
    SetReviewersDocument,
    await admin.setReviewers({ dao: DAO, reviewers: [devSigner(5).address, devSigner(6).address] }),
  );
  await client.request(
    UpsertContributorProfileDocument,
    await devSigner(4).upsertContributorProfile({ dao: DAO, handle: 'ada' }),
  );
});

test.afterAll(async () => {
  await client?.close();
  await stack?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

test('a bounty from posting to payment in the browser: the admin posts it (an over-budget reward is refused on its field), a contributor claims it (a second claim is refused) and delivers a team attestation, two reviewers score blind, the admin accepts, the owners sign and the relay pays each payee exactly its part', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const adminPage = (await openAs(browser, stack, key(0), `/dao/${DAO}/bounties/new`)).page;
  const form = adminPage;
  await expect(form.getByRole('heading', { level: 1, name: 'Web bounties: post a bounty' })).toBeVisible();
  await form.getByLabel('Title').fill(BOUNTY);
  await form
    .getByLabel('Description')
    .fill('Find prompts that get past the refusal policy of guild-chat 3.1.');
  await form.getByRole('combobox', { name: /^Token/ }).selectOption({ label: 'Another token (its address)' });
  await form.getByLabel('Token address').fill(payoutToken);
  await expect(form.getByText('dUSDC, 6 decimals')).toBeVisible();
  await form.getByLabel('Claimants at once (1 to 100)').fill('2');
  await form.getByRole('checkbox', { name: /^A team may share it/ }).check();
  await form.getByRole('combobox', { name: /^Kind of work/ }).selectOption('RESEARCH');
  await form.getByLabel(/^Minimum reviews/).fill('2');
  await form.getByLabel(/^Acceptance score/).fill('60');
  await expectAccessible(form);

  // More than the Safe holds: the API's refusal lands on the amount, with what the Safe can cover.
  const amount = form.getByLabel('Amount (dUSDC)');
  await amount.fill('2,000,000');
  await form.getByRole('button', { name: 'Sign and post the bounty' }).click();
  const cover = form.getByText('The Safe can cover at most 1,000,000 dUSDC more.', { exact: false });
  await expect(cover).toContainText(/^INSUFFICIENT_TREASURY_FUNDS: /);
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await amount.fill(REWARD);
  await expect(cover).toHaveCount(0);
  await expect(amount).toHaveAttribute('aria-invalid', 'false');
  await form.getByRole('button', { name: 'Sign and post the bounty' }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: BOUNTY })).toBeVisible();
  const bountyPath = new URL(adminPage.url()).pathname;
  const bountyId = bountyPath.split('/').at(-1)!;
  const { bounty: posted } = await client.request(BountyDocument, { id: bountyId });
  expect(posted).toMatchObject({ amount: REWARD_UNITS.toString(), token: payoutToken, kind: 'RESEARCH' });
  expect(posted).toMatchObject({ maxClaimants: 2, teamAllowed: true, minReviews: 2, acceptanceScore: 60 });
  await expect(adminPage.getByTestId('bounty-reward')).toContainText('250.5 dUSDC');
  await expectAccessible(adminPage);

  // The board lists it among the open bounties.
  await adminPage
    .getByRole('navigation', { name: 'DAO sections' })
    .getByRole('link', { name: 'Bounties' })
    .click();
  const card = adminPage.getByRole('listitem', { name: BOUNTY });
  await expect(card.getByTestId('bounty-reward')).toHaveText('250.5 dUSDC');
  await expect(card).toContainText('0 of 2 taken');
  await expect(card).toContainText('Research');
  await expectAccessible(adminPage);

  // The contributor claims it; the same contributor's second page, still offering the claim, is refused.
  const [contributor, stale, cosigner] = await Promise.all([
    openAs(browser, stack, key(4), bountyPath),
    openAs(browser, stack, key(4), bountyPath),
    openAs(browser, stack, key(8), `/dao/${DAO}`),
  ]);
  await contributor.page.getByRole('button', { name: 'Claim this bounty' }).click();
  await expect(contributor.page.getByTestId('my-claim-state')).toContainText(
    'claimed, work not delivered yet',
  );
  await expect(contributor.page.getByText('None of your attestations fits yet.')).toBeVisible();
  // A new second of the signature's timestamp: the same message again would be the first claim's replay.
  await sleep(1_100);
  await stale.page.getByRole('button', { name: 'Claim this bounty' }).click();
  await expect(stale.page.getByRole('alert').filter({ hasText: /^ALREADY_CLAIMED: / })).toBeVisible();
  await stale.page.context().close();

  // The contributor attests outside any round with a co-contributor (40%), who co-signs.
  await contributor.page.getByRole('link', { name: 'Make one on the Contribute page' }).click();
  await fillAttestation(contributor.page, {
    title: WORK,
    roundName: 'No round (the DAO’s review policy)',
    coContributors: [{ address: cosigner.wallet.address, bps: 4_000 }],
  });
  const file = evidenceFile(
    'refusal-sweep.md',
    `# Refusal sweep\n\n12 of 300 prompts got through (${Date.now()}).\n`,
  );
  await dropFile(contributor.page, file);
  await expect(contributor.page.getByTestId('evidence-hash')).toContainText(file.name);
  const attestationId = await signAttestation(contributor.page, WORK);
  await cosign(cosigner.page, stack, DAO, attestationId);
  await cosigner.page.context().close();

  // Back on the bounty, the contributor delivers it.
  await contributor.page.goto(`${stack.baseUrl}${bountyPath}`);
  await expect(contributor.page.getByLabel('Attestation to deliver')).toHaveValue(attestationId);
  await contributor.page.getByRole('button', { name: 'Deliver this work' }).click();
  await expect(contributor.page.getByTestId('my-claim-state')).toContainText('work delivered, in review');
  await expectAccessible(contributor.page);

  // Two reviewers score blind: the second sees that a review exists, never its score.
  for (const [index, score] of [80, 70].entries()) {
    const reviewer = await openAs(browser, stack, key(5 + index), bountyPath);
    const claim = reviewer.page.getByRole('listitem', { name: `Claim by ${contributor.wallet.address}` });
    await expect(claim.getByTestId('claim-reviews')).toContainText(`${index} of 2 reviews`);
    await expect(claim).not.toContainText('scored');
    if (index === 1) await expectAccessible(reviewer.page);
    await claim.getByLabel(`Score for “${WORK}” (0 to 100)`).fill(String(score));
    await claim.getByRole('button', { name: 'Sign review' }).click();
    await expect(claim.getByTestId('claim-reviews')).toContainText(`${index + 1} of 2 reviews`);
    await expect(claim.getByRole('button', { name: 'Sign review' })).toHaveCount(0);
    await reviewer.page.context().close();
  }

  // The admin accepts; the scores show once decided and the payouts are fixed: 60% and 40%.
  await adminPage.goto(`${stack.baseUrl}${bountyPath}`);
  const decide = adminPage.getByRole('region', {
    name: `Decide on the claim by ${contributor.wallet.address}`,
  });
  await decide.getByRole('button', { name: 'Accept this work' }).click();
  await expect(adminPage.getByText('scored 80')).toBeVisible();
  await expect(adminPage.getByText('scored 70')).toBeVisible();
  const rows = adminPage.getByTestId('bounty-payout');
  await expect(rows).toHaveCount(2);
  const parts = new Map<Address, bigint>([
    [contributor.wallet.address, 150_300_000n],
    [cosigner.wallet.address, 100_200_000n],
  ]);
  for (const [payee, part] of parts)
    await expect(rows.filter({ hasText: payee.slice(0, 6) })).toContainText(formatTokenValue(part, DUSDC));
  await expect(rows.filter({ hasText: contributor.wallet.address.slice(0, 6) })).toContainText('ada');
  await expectAccessible(adminPage);

  // The worker proposes the payout to the Safe: one transaction of origin BOUNTY.
  const { safeTransactions } = await waitFor(
    () => client.request(SafeTransactionsDocument, { dao: DAO, first: 20 }),
    ({ safeTransactions: page }) => page.nodes.some((tx) => tx.origin.kind === 'BOUNTY'),
    'the worker to propose the bounty’s payout',
  );
  const payout = safeTransactions.nodes.find((tx) => tx.origin.kind === 'BOUNTY')!;
  const before = new Map<Address, bigint>();
  for (const payee of parts.keys()) before.set(payee, await tokenBalance(stack.rpcUrl, payoutToken, payee));

  // Two owners confirm it in the treasury's queue; the relay executes it.
  const owners = await Promise.all(
    [1, 2].map((index) => openAs(browser, stack, key(index), `/dao/${DAO}/treasury`)),
  );
  for (const [index, owner] of owners.entries()) {
    const queued = owner.page.getByRole('listitem', { name: `Nonce ${payout.nonce}` });
    await expect(queued).toContainText('accepted bounties’ payouts');
    await queued.getByRole('button', { name: `Confirm nonce ${payout.nonce}`, exact: true }).click();
    await expect(queued.getByTestId('confirmations')).toHaveText(
      index === 0 ? '1 of 2 confirmations' : '2 of 2 confirmations: ready to execute',
    );
  }
  await owners[1].page
    .getByRole('region', { name: `Execute nonce ${payout.nonce}` })
    .getByRole('button', { name: 'Execute through the relay' })
    .click();
  await waitFor(
    () => client.request(SafeTransactionDocument, { safeTxHash: payout.safeTxHash }),
    ({ safeTransaction }) => safeTransaction.status === 'EXECUTED',
    'the relay to execute the bounty’s payout',
  );
  for (const [payee, part] of parts)
    expect((await tokenBalance(stack.rpcUrl, payoutToken, payee)) - before.get(payee)!).toBe(part);
  expect([...parts.values()].reduce((sum, part) => sum + part, 0n)).toBe(REWARD_UNITS);
  await Promise.all(owners.map(({ page }) => page.context().close()));

  // The admin's page follows the payout without a reload: paid, with the transaction's hash.
  await expect(adminPage.getByTestId('bounty-state')).toHaveText('Paid', { timeout: 60_000 });
  await expect(rows.getByTestId('payout-status')).toHaveText(['paid', 'paid']);
  await expect(rows.first().getByRole('button', { name: /^Copy transaction hash 0x/ })).toBeVisible();
  await contributor.page.context().close();
  await adminPage.context().close();
});

test('an admin rejects delivered work with a reason (its claimant may claim again), then cancels the bounty, which the board files under Cancelled', async ({
  browser,
}) => {
  const title = 'Label the eval set';
  const contributor = devSigner(9);
  const { createBounty: bounty } = await client.request(
    CreateBountyDocument,
    await admin.createBounty({
      dao: DAO,
      title,
      token: payoutToken,
      amount: 10_000_000n,
      deadline: new Date(Date.now() + 86_400_000),
      claimTtl: 3_600,
    }),
  );
  await client.request(ClaimBountyDocument, await contributor.claimBounty({ dao: DAO, bounty: bounty.id }));
  const { submitAttestation: work } = await client.request(
    SubmitAttestationDocument,
    await contributor.submitAttestation({
      dao: DAO,
      kind: 'DATA_CURATION',
      model: { name: 'guild-chat', version: '3.1' },
      title: 'Half of the eval set',
      evidence: [{ uri: 'https://artifacts.example/labels', sha256: sha256(`labels ${Date.now()}`) }],
    }),
  );
  await client.request(
    SubmitBountyWorkDocument,
    await contributor.submitBountyWork({ dao: DAO, bounty: bounty.id, attestation: work.id }),
  );

  const { page } = await openAs(browser, stack, key(0), `/dao/${DAO}/bounty/${bounty.id}`);
  const decide = page.getByRole('region', { name: `Decide on the claim by ${contributor.address}` });
  await decide.getByText('Reject', { exact: true }).click();
  await decide.getByLabel('Why reject this work?').fill('Only half of the set is labelled.');
  await decide.getByRole('button', { name: 'Reject this work' }).click();
  const claim = page.getByRole('listitem', { name: `Claim by ${contributor.address}` });
  await expect(claim).toContainText('Rejected: “Only half of the set is labelled.”');
  await expect(decide).toHaveCount(0);
  const { bounty: rejected } = await client.request(BountyDocument, { id: bounty.id });
  expect(rejected.state).toBe('OPEN');
  expect(rejected.claims.map((c) => c.state)).toEqual(['REJECTED']);
  await client.request(ClaimBountyDocument, await contributor.claimBounty({ dao: DAO, bounty: bounty.id }));
  await page.reload();
  await expect(page.getByTestId('claim')).toHaveCount(2);

  await page.getByText('Cancel the bounty', { exact: true }).click();
  await page.getByLabel(`Why cancel “${title}”? (optional)`).fill('Done in house.');
  await page.getByRole('button', { name: 'Sign and cancel the bounty' }).click();
  await expect(page.getByTestId('bounty-state')).toHaveText('Cancelled');
  await expect(page.getByText('Cancelled: “Done in house.”.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Claim this bounty' })).toHaveCount(0);
  const { bounty: cancelled } = await client.request(BountyDocument, { id: bounty.id });
  expect(cancelled.claims.map((c) => c.state)).toEqual(['REJECTED', 'CLOSED']);
  await expectAccessible(page);

  await page
    .getByRole('navigation', { name: 'DAO sections' })
    .getByRole('link', { name: 'Bounties' })
    .click();
  await expect(page.getByRole('listitem', { name: title })).toHaveCount(0);
  await page.getByRole('combobox', { name: /^State/ }).selectOption('CANCELLED');
  await expect(page.getByRole('listitem', { name: title })).toContainText('Cancelled');
  await page.context().close();
});
