import { expect, test } from '@playwright/test';
import { privateKeyToAccount } from 'viem/accounts';
import {
  AllocationsDocument,
  AttestationDocument,
  AttestationsDocument,
  CreateDaoDocument,
  CreateRoundDocument,
  DaoDocument,
  FinalizeRoundDocument,
  GuildhallClient,
  GuildhallSigner,
  OpenDisputeDocument,
  RoundDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  TokenDocument,
  type TokenFieldsFragment,
} from '@guildhall/sdk';
import { formatTokenValue } from '@guildhall/core';
import { devSigner, permissiveRules } from '../support/actors.js';
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { waitFor } from '../support/rounds.js';
import { attestCosignReview, evidenceFile, fillAttestation } from './support/contributions.js';
import { contentWidth, openAs, seriousViolations } from './support/pages.js';
import { WebStack } from './support/stack.js';

const DAO = 'web-contrib';
const CHAIN_ID = 31337;
const admin = devSigner(0);
const contributorKey = DEV_ACCOUNTS[4].privateKey;
const cosignerKey = DEV_ACCOUNTS[8].privateKey;
const reviewerKeys = [DEV_ACCOUNTS[5].privateKey, DEV_ACCOUNTS[6].privateKey, DEV_ACCOUNTS[7].privateKey];

let stack: WebStack;
let client: GuildhallClient;
/** The devnet's payout token (6 decimals), which the rounds pay in. */
let payout: TokenFieldsFragment;
/** A round open for an hour, for the tests that never reach its review phase. */
let longRound: { id: string; name: string };

async function createRound(name: string, closeInSeconds: number, reviewSeconds: number) {
  const now = Date.now();
  const { createRound: round } = await client.request(
    CreateRoundDocument,
    await admin.createRound({
      dao: DAO,
      name,
      token: payout.address,
      budget: 1_000n * 10n ** BigInt(payout.decimals),
      submissionsOpenAt: new Date(now - 1_000),
      submissionsCloseAt: new Date(now + closeInSeconds * 1_000),
      reviewDeadline: new Date(now + (closeInSeconds + reviewSeconds) * 1_000),
      pools: [{ kind: 'RESEARCH', shareBps: 10_000 }],
      vesting: { cliff: 0, duration: 3_600, interval: 1_800 },
      minReviews: 3,
      acceptanceScore: 10,
    }),
  );
  return round;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await WebStack.start();
  client = new GuildhallClient({ url: stack.graphqlUrl });
  const { dao: demo } = await client.request(DaoDocument, { slug: 'demo' });
  // The start summary, printed just after "ready", names the payout token.
  ({ token: payout } = await client.request(TokenDocument, {
    address: await stack.contract('payout token'),
  }));
  await client.request(
    CreateDaoDocument,
    await admin.createDao({
      dao: DAO,
      name: 'Web contributions',
      governanceToken: demo.governanceToken,
      safe: demo.safeAddress,
      rules: { ...permissiveRules, allowVoteChange: false },
    }),
  );
  await client.request(
    SetReviewersDocument,
    await admin.setReviewers({
      dao: DAO,
      reviewers: reviewerKeys.map((key) => privateKeyToAccount(key).address),
    }),
  );
  longRound = await createRound('Open all hour', 3_600, 3_600);
});

test.afterAll(async () => {
  await client?.close();
  await stack?.close();
});

test('a contributor attests with a dropped file and a co-contributor, who co-signs; three reviewers score blind; the finalized allocation shows its tranches', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const round = await createRound('Spring research round', 60, 60);
  const [contributor, cosigner, ...reviewers] = await Promise.all([
    openAs(browser, stack, contributorKey, `/dao/${DAO}/contribute`),
    openAs(browser, stack, cosignerKey, `/dao/${DAO}`),
    ...reviewerKeys.map((key) => openAs(browser, stack, key, `/dao/${DAO}/review`)),
  ]);
  // Another contributor's work in the same round, submitted through the SDK: it stays in the queues.
  const other = devSigner(3);
  const filler = evidenceFile('other.txt', 'another contributor’s evidence');
  const { submitAttestation: fillerAttestation } = await client.request(
    SubmitAttestationDocument,
    await other.submitAttestation({
      dao: DAO,
      round: round.id,
      kind: 'RESEARCH',
      model: { name: 'guild-chat', version: '3.1' },
      title: 'Tokenizer study',
      evidence: [{ uri: 'https://artifacts.example/tokenizer', sha256: filler.sha256 }],
    }),
  );

  const file = evidenceFile('eval-results.jsonl', `{"task":"mmlu","score":0.91,"run":"${Date.now()}"}\n`);
  const title = 'Long-context evaluation harness';
  const { attestationId } = await attestCosignReview({
    stack,
    client,
    dao: DAO,
    round,
    contributor,
    cosigner,
    cosignerBps: 7_000,
    reviewers: reviewers.map((reviewer, index) => ({ ...reviewer, score: [80, 70, 90][index] })),
    title,
    file,
  });

  // What was stored: the file's SHA-256 (computed here in Node), the 3,000 / 7,000 split, both co-signed.
  const { attestation } = await client.request(AttestationDocument, { id: attestationId });
  expect(attestation.evidence).toEqual([
    { uri: `https://artifacts.example/${encodeURIComponent(title)}`, sha256: file.sha256 },
  ]);
  expect(new Map(attestation.coContributors.map(({ contributor: who, bps }) => [who, bps]))).toEqual(
    new Map([
      [contributor.wallet.address, 3_000],
      [cosigner.wallet.address, 7_000],
    ]),
  );
  expect(attestation.coContributors.every((credit) => credit.cosignedAt !== null)).toBe(true);
  expect(attestation.metrics).toEqual([{ name: 'accuracy', value: 0.91, text: '0.91' }]);
  // Blind: the API hides every score while the phase is open, and so does the page.
  expect(attestation.reviews.map((r) => r.score)).toEqual([null, null, null]);

  // A member disputes the other work (through the SDK): the reviewers' page lists the open dispute.
  const disputer = new GuildhallSigner(privateKeyToAccount(cosignerKey), CHAIN_ID);
  await client.request(
    OpenDisputeDocument,
    await disputer.openDispute({
      dao: DAO,
      targetKind: 'ATTESTATION',
      target: fillerAttestation.id,
      reason: 'Same study as last round.',
    }),
  );

  // A score of 101 is refused before the wallet opens, on a 375 px screen.
  const [first] = reviewers;
  await first.page.setViewportSize({ width: 375, height: 900 });
  await first.page.goto(`${stack.baseUrl}/dao/${DAO}/review`);
  await expect(first.page.getByRole('region', { name: `Round ${round.name}` })).toContainText(
    'On the attestation Tokenizer study by',
  );
  await expect(first.page.getByRole('region', { name: `Round ${round.name}` })).toContainText(
    '“Same study as last round.”',
  );
  const card = first.page.getByRole('article', { name: 'Review of Tokenizer study' });
  await card.getByLabel('Score for “Tokenizer study”').fill('101');
  const signatures = first.wallet.requested('eth_signTypedData_v4').length;
  await card.getByRole('button', { name: 'Sign review' }).click();
  await expect(card.getByRole('alert')).toHaveText('The score is a whole number from 0 to 100.');
  expect(first.wallet.requested('eth_signTypedData_v4')).toHaveLength(signatures);
  await expect(first.page.getByRole('heading', { name: 'Awaiting your review (1)' })).toBeVisible();
  expect(await seriousViolations(first.page)).toEqual([]);
  expect(await contentWidth(first.page)).toBeLessThanOrEqual(375);
  await first.page.setViewportSize({ width: 1280, height: 900 });
  expect(await seriousViolations(first.page)).toEqual([]);

  // The attestation's page, as its contributor sees it, at both widths.
  await contributor.page.goto(`${stack.baseUrl}/dao/${DAO}/attestation/${attestationId}`);
  await expect(contributor.page.getByTestId('review-status')).toContainText('3 of 3 reviews');
  await expect(contributor.page.getByRole('region', { name: 'Reviews' })).not.toContainText('scored');
  await expect(contributor.page.getByTestId(`credit-${cosigner.wallet.address}`)).toContainText('7,000 bps');
  for (const width of [1280, 375]) {
    await contributor.page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(contributor.page)).toEqual([]);
    expect(await contentWidth(contributor.page)).toBeLessThanOrEqual(width);
  }

  // The review deadline passes and the round is finalized: the contributor sees the allocation.
  await waitFor(
    () => client.request(RoundDocument, { id: round.id }),
    ({ round: r }) => Date.parse(r.reviewDeadline) <= Date.now(),
    'the review deadline',
    120_000,
  );
  await client.request(FinalizeRoundDocument, await admin.finalizeRound({ dao: DAO, round: round.id }));
  const { round: finalized } = await client.request(RoundDocument, { id: round.id });
  expect(finalized.state).toBe('FINALIZED');
  const { allocations } = await client.request(AllocationsDocument, {
    dao: DAO,
    contributor: contributor.wallet.address,
  });
  const mine = allocations.filter((allocation) => allocation.roundId === round.id);
  expect(mine).toHaveLength(1);
  expect(BigInt(mine[0].amount)).toBeGreaterThan(0n);
  const tranches = finalized.tranches.filter((tranche) => tranche.recipient === contributor.wallet.address);
  expect(tranches).toHaveLength(2);

  await contributor.page.goto(`${stack.baseUrl}/dao/${DAO}/contribute`);
  const allocation = contributor.page.getByTestId(`allocation-${round.id}`);
  await expect(allocation.getByTestId('allocation-amount')).toHaveText(
    formatTokenValue(BigInt(mine[0].amount), payout),
  );
  await expect(allocation.getByTestId('tranche')).toHaveCount(2);
  for (const [index, tranche] of tranches.entries())
    await expect(allocation.getByTestId('tranche').nth(index)).toContainText(
      formatTokenValue(BigInt(tranche.amount), payout),
    );
  await allocation.getByText('How this was computed').click();
  await expect(allocation).toContainText(`Attestation ${attestationId} (3,000 bps yours): scores`);
  await expect(contributor.page.getByTestId(`my-attestation-${attestationId}`)).toContainText('accepted');
  expect(await seriousViolations(contributor.page)).toEqual([]);
  await Promise.all([contributor, cosigner, ...reviewers].map(({ page }) => page.context().close()));
});

test('bad input is refused before signing, and a signature declined in the wallet writes nothing', async ({
  browser,
}) => {
  const { page, wallet } = await openAs(browser, stack, contributorKey, `/dao/${DAO}/contribute`);
  const cosigner = privateKeyToAccount(cosignerKey).address;
  // One letter's case flipped: still hex, no longer its EIP-55 checksum.
  const at = cosigner.search(/[a-fA-F]/);
  const flipped =
    cosigner[at] === cosigner[at].toLowerCase() ? cosigner[at].toUpperCase() : cosigner[at].toLowerCase();
  const badChecksum = `${cosigner.slice(0, at)}${flipped}${cosigner.slice(at + 1)}`;
  const title = 'A declined attestation';
  await fillAttestation(page, {
    title,
    roundName: longRound.name,
    coContributors: [{ address: badChecksum, bps: 7_000 }],
  });
  const file = evidenceFile('notes.md', '# Notes\nchosen with the file input\n');
  await page.getByLabel('Evidence file').setInputFiles({
    name: file.name,
    mimeType: 'text/markdown',
    buffer: Buffer.from(file.text),
  });
  await expect(page.getByTestId('evidence-hash')).toContainText(file.sha256);

  const sign = page.getByRole('button', { name: 'Sign attestation' });
  await sign.click();
  await expect(page.getByRole('alert')).toContainText('fails its checksum');
  await page.getByLabel('Co-contributor 1 address').fill(cosigner);
  await page.getByLabel('Your share (bps of 10,000)').fill('2000');
  await sign.click();
  await expect(page.getByRole('alert')).toContainText('The shares sum to 9,000 bps');
  expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(0);

  await page.getByLabel('Your share (bps of 10,000)').fill('3000');
  await expect(page.getByLabel('What you will sign')).toContainText(file.sha256);
  wallet.rejectNext('eth_signTypedData_v4');
  await sign.click();
  await expect(
    page.getByRole('status').filter({ hasText: 'You declined the request in your wallet' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(wallet.requested('eth_signTypedData_v4')).toHaveLength(1);
  const { attestations } = await client.request(AttestationsDocument, {
    dao: DAO,
    round: longRound.id,
    contributor: wallet.address,
  });
  expect(attestations.nodes).toEqual([]);

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await contentWidth(page)).toBeLessThanOrEqual(width);
  }
  await page.context().close();
});

test('the submitter withdraws an attestation; a member disputes another one', async ({ browser }) => {
  const { page, wallet } = await openAs(browser, stack, contributorKey, `/dao/${DAO}/contribute`);
  const title = 'An attestation to withdraw';
  await fillAttestation(page, { title, roundName: longRound.name });
  await page.getByLabel('Evidence file').setInputFiles({
    name: 'withdrawn.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`withdrawn ${Date.now()}`),
  });
  await page.getByRole('button', { name: 'Sign attestation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').at(-1)!;
  await page.getByRole('button', { name: 'Withdraw attestation' }).click();
  await expect(page.getByTestId('attestation-status')).toHaveText('withdrawn');
  expect((await client.request(AttestationDocument, { id })).attestation.status).toBe('WITHDRAWN');

  const other = devSigner(3);
  const { submitAttestation: disputed } = await client.request(
    SubmitAttestationDocument,
    await other.submitAttestation({
      dao: DAO,
      round: longRound.id,
      kind: 'RESEARCH',
      model: { name: 'guild-chat', version: '3.1' },
      title: 'Copied benchmark',
      evidence: [{ uri: 'https://artifacts.example/copied', sha256: evidenceFile('c', 'copied').sha256 }],
    }),
  );
  await page.goto(`${stack.baseUrl}/dao/${DAO}/attestation/${disputed.id}`);
  await page.getByRole('button', { name: 'Sign dispute' }).click();
  await expect(page.getByRole('alert')).toHaveText('Say why you dispute it.');
  await page.getByLabel('Reason').fill('The evidence is a copy of a published benchmark.');
  await page.getByRole('button', { name: 'Sign dispute' }).click();
  await expect(page.getByRole('region', { name: 'Disputes' })).toContainText('open on the attestation by');
  const { attestation } = await client.request(AttestationDocument, { id: disputed.id });
  expect(attestation.status).toBe('DISPUTED');
  expect(attestation.disputes.map((d) => [d.disputer, d.status, d.reason])).toEqual([
    [wallet.address, 'OPEN', 'The evidence is a copy of a published benchmark.'],
  ]);
  await expect(page.getByTestId('attestation-status')).toHaveText('disputed');
  await page.context().close();
});
