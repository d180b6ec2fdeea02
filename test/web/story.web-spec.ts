import { expect, test } from '@playwright/test';
import { privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import {
  CreateDaoDocument,
  CreateRoundDocument,
  GuildhallClient,
  RoundDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SetReviewersDocument,
} from '@guildhall/sdk';
import { formatTokenValue } from '@guildhall/core';
import { deployDevStack } from '../../libs/chain/src/devnet/deploy-dev-stack.js';
import { devSigner, permissiveRules } from '../support/actors.js';
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { tokenBalance, waitFor } from '../support/rounds.js';
import { attestCosignReview, evidenceFile } from './support/contributions.js';
import { connect, openAs } from './support/pages.js';
import { screenshot } from './support/screenshots.js';
import { WebStack } from './support/stack.js';
import { TestWallet } from './support/test-wallet.js';

const DAO = 'web-story';
const ROUND = 'Story round';
const CHAIN_ID = 31337;
const admin = devSigner(0);
const key = (index: number) => DEV_ACCOUNTS[index].privateKey;
/** The treasury page's one action for a round's payouts, as it names it. */
const signAllLabel = (count: number) =>
  count === 1 ? `Sign the payout of round ${ROUND}` : `Sign all ${count} payouts of round ${ROUND}`;

let stack: WebStack;
let client: GuildhallClient;

test.beforeAll(async () => {
  stack = await WebStack.start();
  client = new GuildhallClient({ url: stack.graphqlUrl });
});

test.afterAll(async () => {
  await client?.close();
  await stack?.close();
});

test('from attestation to payment in the browser: a contributor attests with a file and a co-contributor co-signs, three reviewers score blind, the round finalizes, two owners sign (typed data, then personal_sign), the relay executes and the payees hold their allocations', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  // A DAO on a fresh 2-of-3 Safe of the devnet (owners: dev accounts 1–3), funded with the payout token.
  const { payoutToken, daoSafe, governanceToken } = await deployDevStack(stack.rpcUrl);
  await client.request(
    CreateDaoDocument,
    await admin.createDao({
      dao: DAO,
      name: 'Web story',
      governanceToken,
      safe: daoSafe,
      rules: permissiveRules,
    }),
  );
  const reviewerKeys = [key(5), key(6), key(7)];
  await client.request(
    SetReviewersDocument,
    await admin.setReviewers({
      dao: DAO,
      reviewers: reviewerKeys.map((reviewer) => privateKeyToAccount(reviewer).address),
    }),
  );
  const now = Date.now();
  const { createRound: round } = await client.request(
    CreateRoundDocument,
    await admin.createRound({
      dao: DAO,
      name: ROUND,
      token: payoutToken,
      budget: 1_000_000_000n,
      submissionsOpenAt: new Date(now - 1_000),
      submissionsCloseAt: new Date(now + 60_000),
      reviewDeadline: new Date(now + 120_000),
      pools: [{ kind: 'RESEARCH', shareBps: 10_000 }],
      minReviews: 3,
      acceptanceScore: 10,
    }),
  );

  // The contributor's part, every step in a browser of its own.
  const [contributor, cosigner, ...reviewers] = await Promise.all([
    openAs(browser, stack, key(4), `/dao/${DAO}/contribute`),
    openAs(browser, stack, key(8), `/dao/${DAO}`),
    ...reviewerKeys.map((reviewer) => openAs(browser, stack, reviewer, `/dao/${DAO}/review`)),
  ]);
  const file = evidenceFile(
    'red-team-report.md',
    `# Jailbreak sweep\n\n41 of 500 prompts got through (${now}).\n`,
  );
  const { attestationId } = await attestCosignReview({
    stack,
    client,
    dao: DAO,
    round,
    contributor,
    cosigner,
    cosignerBps: 4_000,
    reviewers: reviewers.map((reviewer, index) => ({ ...reviewer, score: [85, 75, 90][index] })),
    title: 'Jailbreak sweep of guild-chat 3.1',
    file,
  });
  await Promise.all([cosigner, ...reviewers].map(({ page }) => page.context().close()));

  // The worker finalizes the round at its review deadline; the contributor sees the allocation.
  const { round: finalized } = await waitFor(
    () => client.request(RoundDocument, { id: round.id }),
    // Finalized, and perhaps already PAYING: the worker proposes the payout in the same sweep.
    ({ round: r }) => r.finalizedAt !== null,
    'the worker to finalize the round',
    180_000,
  );
  const token = finalized.tokenInfo;
  const owed = new Map<Address, bigint>();
  for (const tranche of finalized.tranches)
    owed.set(tranche.recipient, (owed.get(tranche.recipient) ?? 0n) + BigInt(tranche.amount));
  const mine = owed.get(contributor.wallet.address);
  expect(mine).toBeGreaterThan(0n);
  await contributor.page.goto(`${stack.baseUrl}/dao/${DAO}/contribute`);
  const allocation = contributor.page.getByTestId(`allocation-${round.id}`);
  await expect(allocation.getByTestId('allocation-amount')).toHaveText(formatTokenValue(mine!, token));
  await allocation.getByText('How this was computed').click();
  await expect(allocation).toContainText(`Attestation ${attestationId} (6,000 bps yours)`);
  await screenshot(contributor.page, 'allocation');
  await contributor.page.context().close();

  // The worker proposes the round's payouts to the Safe.
  const { safeTransactions } = await waitFor(
    () => client.request(SafeTransactionsDocument, { dao: DAO, first: 20 }),
    ({ safeTransactions: page }) => page.nodes.some((tx) => tx.origin.round === round.id),
    'the worker to propose the round’s payouts',
  );
  const payouts = safeTransactions.nodes.filter((tx) => tx.origin.round === round.id);
  const before = new Map<Address, bigint>();
  for (const payee of owed.keys()) before.set(payee, await tokenBalance(stack.rpcUrl, payoutToken, payee));

  // Owner 1 signs every payout of the round with eth_signTypedData_v4.
  const owner1 = await openAs(browser, stack, key(1), `/dao/${DAO}/treasury`);
  const queue = owner1.page.getByRole('region', { name: 'Queue' });
  await expect(queue.getByTestId('payout')).toHaveCount(finalized.tranches.length);
  await screenshot(owner1.page, 'signer-queue');
  const signAll = owner1.page.getByRole('button', { name: signAllLabel(payouts.length), exact: true });
  await signAll.click();
  await expect(signAll).toBeHidden();
  expect(owner1.wallet.requested('eth_signTypedData_v4')).toHaveLength(payouts.length);

  // Owner 2's wallet signs only with personal_sign (a hardware wallet behind a browser wallet). A
  // request declined there writes nothing; then the fallback confirms.
  const page2 = await (await browser.newContext()).newPage();
  const wallet2 = await TestWallet.inject(page2, {
    privateKey: key(2),
    rpcUrl: stack.rpcUrl,
    chainId: CHAIN_ID,
    personalSignOnly: true,
  });
  await page2.goto(`${stack.baseUrl}/dao/${DAO}/treasury`);
  await connect(page2, wallet2);
  const region = page2.getByRole('region', { name: `Payouts of round ${ROUND}` });
  const fallback = async () => {
    await region.getByRole('button', { name: signAllLabel(payouts.length), exact: true }).click();
    await expect(region.getByText('Your wallet could not sign the typed data.')).toBeVisible();
    await region
      .getByRole('button', { name: `${signAllLabel(payouts.length)} with personal_sign`, exact: true })
      .click();
  };
  wallet2.rejectNext('personal_sign');
  await fallback();
  await expect(
    page2.getByText('You declined the request in your wallet. Nothing was signed or sent.'),
  ).toBeVisible();
  for (const payout of payouts) {
    const { safeTransaction } = await client.request(SafeTransactionDocument, {
      safeTxHash: payout.safeTxHash,
    });
    expect(safeTransaction.confirmations.map((c) => c.owner)).toEqual([owner1.wallet.address]);
  }
  await fallback();
  for (const payout of payouts)
    await expect(
      page2.getByRole('listitem', { name: `Nonce ${payout.nonce}` }).getByTestId('confirmations'),
    ).toHaveText('2 of 2 confirmations: ready to execute');
  await page2.context().close();

  // Owner 1 has the relay execute each; the payees hold exactly their allocations.
  for (const payout of payouts) {
    await owner1.page
      .getByRole('region', { name: `Execute nonce ${payout.nonce}` })
      .getByRole('button', { name: 'Execute through the relay' })
      .click();
    await waitFor(
      () => client.request(SafeTransactionDocument, { safeTxHash: payout.safeTxHash }),
      ({ safeTransaction }) => safeTransaction.status === 'EXECUTED',
      `the relay to execute nonce ${payout.nonce}`,
    );
  }
  for (const [payee, amount] of owed)
    expect((await tokenBalance(stack.rpcUrl, payoutToken, payee)) - before.get(payee)!).toBe(amount);
  await expect(owner1.page.getByText('Nothing is waiting for the owners.')).toBeVisible();
  await owner1.page.context().close();
});
