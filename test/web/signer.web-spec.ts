import { expect, test } from '@playwright/test';
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import {
  CastVoteDocument,
  ConfirmSafeTransactionDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  ExecuteSafeTransactionDocument,
  GuildhallClient,
  ProposalDocument,
  ProposeProposalExecutionDocument,
  ProposeSafeRejectionDocument,
  SafeTransactionDocument,
} from '@guildhall/sdk';
import { formatTokenValue } from '@guildhall/core';
import { deployDevStack } from '../../libs/chain/src/devnet/deploy-dev-stack.js';
import { devSigner, permissiveRules } from '../support/actors.js';
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { tokenBalance, waitFor } from '../support/rounds.js';
import { connect, contentWidth, openAs, openWithWallet, seriousViolations } from './support/pages.js';
import { WebStack } from './support/stack.js';
import { TestWallet } from './support/test-wallet.js';
import { roundWithProposedPayouts } from './support/treasury.js';

const DAO = 'web-treasury';
const CHAIN_ID = 31337;
/** 0x6453…6aEc, as the page shortens addresses and hashes. */
const short = (value: string): string => `${value.slice(0, 6)}…${value.slice(-4)}`;

let stack: WebStack;
let client: GuildhallClient;

const confirmationsOf = async (safeTxHash: `0x${string}`) =>
  (await client.request(SafeTransactionDocument, { safeTxHash })).safeTransaction;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Two transfers per Safe transaction: the round's four payouts make two transactions to sign.
  stack = await WebStack.start({ MAX_TRANSFERS_PER_TX: '2' });
  client = new GuildhallClient({ url: stack.graphqlUrl });
});

test.afterAll(async () => {
  await client?.close();
  await stack?.close();
});

test('two owners sign a round’s payouts (typed data, then the personal_sign fallback), the relay and a wallet execute, payees receive their allocations', async ({
  page,
  browser,
}) => {
  const { round, allocations, payouts, payoutToken, handles } = await roundWithProposedPayouts(
    client,
    stack.rpcUrl,
    { dao: DAO },
  );
  expect(payouts).toHaveLength(2);
  const owner1 = await openWithWallet(page, stack, `/dao/${DAO}/treasury`, DEV_ACCOUNTS[1].privateKey);
  await expect(page.getByRole('heading', { name: `DAO ${DAO}: treasury` })).toBeVisible();

  // Lowest nonce first; each transaction's three hashes as the API has them.
  const cards = page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: /^Nonce \d+$/ });
  await expect(cards).toHaveCount(payouts.length);
  for (const [i, payout] of payouts.entries()) {
    const card = cards.nth(i);
    await expect(card).toHaveAccessibleName(`Nonce ${payout.nonce}`);
    await expect(card.getByTestId('Safe transaction hash')).toHaveText(payout.safeTxHash);
    await expect(card.getByTestId('Domain hash')).toHaveText(payout.domainHash);
    await expect(card.getByTestId('Message hash')).toHaveText(payout.messageHash);
    await expect(card.getByTestId('confirmations')).toHaveText('0 of 2 confirmations');
  }
  // The decoded table: every allocation once, its payee (with the handle) and amount in the token's units.
  const rows = page.getByTestId('payout');
  await expect(rows).toHaveCount(allocations.length);
  const token = round.tokenInfo;
  for (const allocation of allocations) {
    const row = rows.filter({ has: page.locator(`[title="${allocation.recipient}"]`) });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('amount')).toHaveText(formatTokenValue(BigInt(allocation.amount), token));
    const handle = handles.find((h) => h.signer.address === allocation.recipient)?.handle;
    if (handle !== undefined) await expect(row.getByTestId('handle')).toHaveText(` ${handle}`);
  }
  await expect(page.getByTestId('handle')).toHaveCount(handles.length);

  // Accessible, and nothing wider than a 375 px screen.
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 375, height: 900 });
  expect(await contentWidth(page)).toBeLessThanOrEqual(375);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Owner 2 (a wallet that signs only with personal_sign) and a non-owner watch in their own browsers.
  const page2 = await (await browser.newContext()).newPage();
  const owner2 = await TestWallet.inject(page2, {
    privateKey: DEV_ACCOUNTS[2].privateKey,
    rpcUrl: stack.rpcUrl,
    chainId: CHAIN_ID,
    personalSignOnly: true,
  });
  await page2.goto(`${stack.baseUrl}/dao/${DAO}/treasury`);
  await connect(page2, owner2);
  const { page: outsider } = await openAs(browser, stack, DEV_ACCOUNTS[4].privateKey, `/dao/${DAO}/treasury`);
  await expect(outsider.getByRole('note').first()).toContainText(
    `Your account ${DEV_ACCOUNTS[4].address} is not an owner of this Safe`,
  );
  await expect(outsider.getByRole('region', { name: 'Queue' }).getByTestId('confirmations')).toHaveCount(
    payouts.length,
  );
  await expect(outsider.getByRole('button', { name: /^(Confirm|Sign)/ })).toHaveCount(0);
  await outsider.context().close();

  // A declined signature writes nothing.
  const signAll = page.getByRole('button', { name: `Sign all ${payouts.length} payouts of round Spring` });
  owner1.rejectNext('eth_signTypedData_v4');
  await signAll.click();
  await expect(
    page.getByText('You declined the request in your wallet. Nothing was signed or sent.'),
  ).toBeVisible();
  await expect(
    page.getByText(`Stopped at nonce ${payouts[0].nonce}: 0 of ${payouts.length} signed.`),
  ).toBeVisible();
  for (const payout of payouts) expect((await confirmationsOf(payout.safeTxHash)).confirmations).toEqual([]);

  // Owner 1 signs them all: one EIP-712 request each, in nonce order.
  await signAll.click();
  for (const payout of payouts)
    await waitFor(
      () => confirmationsOf(payout.safeTxHash),
      (tx) => tx.confirmations.some((c) => c.owner === owner1.address && c.signatureType === 'EOA'),
      `owner 1's confirmation of nonce ${payout.nonce}`,
    );
  const typed = owner1.requested('eth_signTypedData_v4').slice(1);
  expect(typed).toHaveLength(payouts.length);
  expect(
    typed.map(
      (request) =>
        (JSON.parse((request.params as string[])[1]) as { message: { nonce: string } }).message.nonce,
    ),
  ).toEqual(payouts.map((payout) => payout.nonce));
  await expect(signAll).toBeHidden();

  // Owner 2's page saw owner 1's confirmations arrive, without a reload.
  for (const payout of payouts) {
    const card = page2.getByRole('listitem', { name: `Nonce ${payout.nonce}` });
    await expect(card.getByTestId('confirmations')).toHaveText('1 of 2 confirmations');
    await expect(card.getByRole('list', { name: 'Confirmed by' })).toContainText(short(owner1.address));
  }

  // Owner 2's wallet cannot sign typed data: the page says so and falls back to personal_sign,
  // first for one transaction, then for the rest of the round.
  const [first, second] = payouts;
  const card1 = page2.getByRole('listitem', { name: `Nonce ${first.nonce}` });
  await card1.getByRole('button', { name: `Confirm nonce ${first.nonce}`, exact: true }).click();
  await expect(card1.getByText('Your wallet could not sign the typed data.')).toBeVisible();
  await card1.getByRole('button', { name: `Confirm nonce ${first.nonce} with personal_sign` }).click();
  await expect(card1.getByTestId('confirmations')).toHaveText('2 of 2 confirmations: ready to execute');
  const round2 = page2.getByRole('region', { name: 'Payouts of round Spring' });
  await round2.getByRole('button', { name: 'Sign the payout of round Spring', exact: true }).click();
  await expect(round2.getByText('Your wallet could not sign the typed data.')).toBeVisible();
  await round2.getByRole('button', { name: 'Sign the payout of round Spring with personal_sign' }).click();
  await expect(
    page2.getByRole('listitem', { name: `Nonce ${second.nonce}` }).getByTestId('confirmations'),
  ).toHaveText('2 of 2 confirmations: ready to execute');
  for (const payout of payouts) {
    const { confirmations } = await confirmationsOf(payout.safeTxHash);
    expect(confirmations.find((c) => c.owner === owner2.address)?.signatureType).toBe('ETH_SIGN');
  }
  expect(owner2.requested('personal_sign')).toHaveLength(payouts.length);
  expect(owner2.requested('eth_signTypedData_v4')).toHaveLength(2);
  await page2.context().close();

  // The first page saw owner 2's confirmations arrive, without a reload.
  for (const payout of payouts)
    await expect(
      page.getByRole('listitem', { name: `Nonce ${payout.nonce}` }).getByTestId('confirmations'),
    ).toHaveText('2 of 2 confirmations: ready to execute');

  // The first through the relay, the second from owner 1's wallet.
  await page
    .getByRole('region', { name: `Execute nonce ${first.nonce}` })
    .getByRole('button', { name: 'Execute through the relay' })
    .click();
  await waitFor(
    () => confirmationsOf(first.safeTxHash),
    (tx) => tx.status === 'EXECUTED',
    'the relay to execute the first payout',
  );
  const execute2 = page.getByRole('region', { name: `Execute nonce ${second.nonce}` });
  await execute2.getByText('Or send it from my wallet').click();
  await execute2.getByRole('button', { name: 'Send from my wallet' }).click();
  await expect(execute2.getByTestId('sent-tx')).toHaveText(/^0x[0-9a-f]{64}$/);
  const sent = await execute2.getByTestId('sent-tx').textContent();
  const executed = await waitFor(
    () => confirmationsOf(second.safeTxHash),
    (tx) => tx.status === 'EXECUTED',
    'the second payout, sent from the wallet, to be indexed',
  );
  expect(executed.executionTxHash).toBe(sent);

  // Each payee holds exactly its allocations.
  const owed = new Map<Address, bigint>();
  for (const allocation of allocations)
    owed.set(allocation.recipient, (owed.get(allocation.recipient) ?? 0n) + BigInt(allocation.amount));
  for (const [payee, amount] of owed)
    expect(await tokenBalance(stack.rpcUrl, payoutToken, payee)).toBe(amount);

  // The queue empties live; the history lists both executions.
  await expect(page.getByText('Nothing is waiting for the owners.')).toBeVisible();
  for (const payout of payouts)
    await expect(page.getByRole('listitem', { name: `Nonce ${payout.nonce}, executed` })).toBeVisible();
});

test('a passed proposal’s transfer and its rejection are decoded side by side; once the rejection executes, the proposal’s transaction is in the history as replaced', async ({
  page,
}) => {
  const dao = 'web-proposals';
  const admin = devSigner(0);
  const { payoutToken, daoSafe, governanceToken } = await deployDevStack(stack.rpcUrl);
  await client.request(
    CreateDaoDocument,
    await admin.createDao({
      dao,
      name: 'Web proposals',
      governanceToken,
      safe: daoSafe,
      rules: { ...permissiveRules, votingPeriod: 5 },
    }),
  );
  const payee = DEV_ACCOUNTS[8].address;
  const { createProposal } = await client.request(
    CreateProposalDocument,
    await admin.createProposal({
      dao,
      title: 'Grant 250 dUSDC',
      voteType: 'basic',
      choices: ['For', 'Against', 'Abstain'],
      actions: [
        {
          to: payoutToken,
          value: 0n,
          data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [payee, 250_000_000n] }),
          operation: 0,
        },
      ],
    }),
  );
  await client.request(
    CastVoteDocument,
    await admin.castVote({ dao, proposal: createProposal.id, choice: 1 }),
  );
  await waitFor(
    async () => (await client.request(ProposalDocument, { id: createProposal.id, first: 1 })).proposal.state,
    (state) => state === 'QUEUED',
    'the proposal to pass and be queued',
  );
  const { proposeProposalExecution: grant } = await client.request(ProposeProposalExecutionDocument, {
    proposal: createProposal.id,
  });
  const { proposeSafeRejection: rejection } = await client.request(
    ProposeSafeRejectionDocument,
    await devSigner(3).proposeSafeRejection({ dao, safeTxHash: grant.safeTxHash }),
  );
  expect(rejection.nonce).toBe(grant.nonce);

  await page.goto(`${stack.baseUrl}/dao/${dao}/treasury`);
  await expect(page.getByText('Connect the wallet of a Safe owner to confirm transactions.')).toBeVisible();
  const card = (safeTxHash: string) =>
    page
      .getByRole('region', { name: 'Queue' })
      .getByRole('listitem', { name: `Nonce ${grant.nonce}` })
      .filter({ has: page.getByTestId('Safe transaction hash').getByText(safeTxHash) });
  await expect(card(grant.safeTxHash)).toContainText(`250 dUSDC to ${short(payee)}`);
  await expect(card(grant.safeTxHash)).toContainText(`Conflict at nonce ${grant.nonce}`);
  await expect(card(grant.safeTxHash)).toContainText(rejection.safeTxHash);
  await expect(card(rejection.safeTxHash).getByTestId('rejects')).toContainText(
    `Rejects a passed proposal’s actions (${short(grant.safeTxHash)}): it uses nonce ${grant.nonce}`,
  );

  // Two owners confirm the rejection (through the SDK), the relay executes it.
  for (const owner of [devSigner(1), devSigner(2)])
    await client.request(ConfirmSafeTransactionDocument, {
      safeTxHash: rejection.safeTxHash,
      signature: await owner.signSafeTransaction(rejection),
    });
  await client.request(ExecuteSafeTransactionDocument, { safeTxHash: rejection.safeTxHash });
  await waitFor(
    () => confirmationsOf(grant.safeTxHash),
    (tx) => tx.status === 'REPLACED',
    'the proposal’s transaction to be replaced',
  );

  // The page follows without a reload: the queue empties, the history has both.
  await expect(page.getByText('Nothing is waiting for the owners.')).toBeVisible();
  await expect(page.getByRole('listitem', { name: `Nonce ${grant.nonce}, executed` })).toContainText(
    'Uses nonce',
  );
  await page.getByLabel('Status').selectOption('REPLACED');
  const replaced = page.getByRole('listitem', { name: `Nonce ${grant.nonce}, replaced` });
  await expect(replaced).toContainText(`250 dUSDC to ${short(payee)}`);
  await expect(replaced).toContainText(grant.safeTxHash);
  expect(await tokenBalance(stack.rpcUrl, payoutToken, payee)).toBe(0n);
});
