/**
 * A 2,000-contributor reward round paid end to end through the treasury on the devnet's DAO Safe
 * (SafeL2 1.4.1, 2-of-3, 1,000,000 dUSDC): from the moment the round is FINALIZED, its payouts are
 * proposed (`proposeRoundPayouts`), two owners sign each Safe transaction (`signSafeTransaction`,
 * `confirmSafeTransaction`), the relay executes each (`executeSafeTransaction`) and the worker's
 * sweep indexes ExecutionSuccess until the round is PAID. Reports the number of Safe transactions,
 * the gas their receipts used, the gas per transfer next to the measured gas of one Safe transaction
 * per contributor (a single ERC20 transfer through execTransaction to a fresh address), the
 * signatures the owners made, the wall time from FINALIZED to PAID and its parts, and checks every
 * recipient's balance on-chain.
 *
 *   npm run bench:payouts                      # 2,000 contributors, a baseline of 20 single transfers
 *   npm run bench:payouts -- --contributors 500 --baseline 5
 *
 * The finalized round (round, allocations, one immediately unlocked tranche per contributor, each to a
 * fresh random address) is seeded directly in PostgreSQL through the rewards entities: the bench
 * measures the treasury, not the scoring. The API and its worker, the devnet and the owners share
 * this process. Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  formatUnits,
  getAddress,
  http,
  zeroAddress,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS, defineGuildhallChain, deployDevStack, Devnet, safeL2Abi } from '@guildhall/chain';
import { createDataSource } from '@guildhall/database';
import { DaoEntity } from '@guildhall/dao/datasources';
import { DEFAULT_YUMA_PARAMS } from '@guildhall/rewards';
import { RoundAllocationEntity, RoundEntity, VestingTrancheEntity } from '@guildhall/rewards/datasources';
import {
  ConfirmSafeTransactionDocument,
  ExecuteSafeTransactionDocument,
  GuildhallSigner,
  ProposeRoundPayoutsDocument,
  safeTxTypedData,
} from '@guildhall/sdk';
import { createBenchDatabase, createBenchDao, startBenchApi } from './support/bench-stack.js';
import { seededRandom } from './support/seeded-random.js';

// eslint-disable-next-line no-restricted-syntax -- a bench reads its sizes and server from the shell, as the tests do
const env = process.env;
const { values: flags } = parseArgs({
  options: { contributors: { type: 'string' }, baseline: { type: 'string' } },
});
const count = (flag: string | undefined, fallback: number) => {
  const value = Number(flag ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`not a count: ${flag}`);
  return value;
};
const contributorCount = count(flags.contributors, 2_000);
const baselineCount = count(flags.baseline, 20);
const server = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const DAO = 'payouts';
const ADMIN = DEV_ACCOUNTS[5];
const RELAYER = DEV_ACCOUNTS[9];
/** Two of the DAO Safe's three owners (dev accounts 1–3, threshold 2). */
const SIGNERS = [DEV_ACCOUNTS[1], DEV_ACCOUNTS[2]];
/** 900,000 dUSDC (6 decimals) of the Safe's 1,000,000: the rest pays the baseline transfers. */
const BUDGET = 900_000n * 10n ** 6n;
const TARGET_GAS_PER_TRANSFER = 29_000;

/** The round's state only (the SDK's RoundDocument selects its allocations and tranches too). */
const RoundStateDocument = parse(`
  query RoundState($id: ID!) { round(id: $id) { state } }
`) as TypedDocumentNode<{ round: { state: string } }, { id: string }>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const thousands = (n: bigint | number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const dusdc = (amount: bigint) => {
  const [whole, fraction = ''] = formatUnits(amount, 6).split('.');
  return `${thousands(BigInt(whole))}${fraction && `.${fraction}`} dUSDC`;
};
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} on ${cpus().length} cores`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const freshAddress = (): Address => getAddress(`0x${randomBytes(20).toString('hex')}`);

/** The budget split over `n` recipients by seeded weights of 1 to 100; every amount positive. */
function allocate(n: number, budget: bigint): bigint[] {
  const random = seededRandom(2_000);
  const weights = Array.from({ length: n }, () => BigInt(1 + Math.floor(random() * 100)));
  const total = weights.reduce((sum, w) => sum + w, 0n);
  return weights.map((w) => (budget * w) / total);
}

async function main(): Promise<void> {
  console.log(
    `bench:payouts: ${contributorCount} contributors paid from the devnet's DAO Safe (SafeL2 1.4.1, 2-of-3); baseline ${baselineCount} single-transfer Safe transactions; ${load()}`,
  );
  const database = await createBenchDatabase(server);
  const dataSource = await createDataSource({ url: database.url, poolSize: 2 }).initialize();

  const devnet = await Devnet.start();
  const stack = await deployDevStack(devnet.url);
  const chain = defineGuildhallChain({ chainId: devnet.chainId, rpcUrl: devnet.url });
  const publicClient = createPublicClient({ chain, transport: http(devnet.url) });

  const api = await startBenchApi({
    databaseUrl: database.url,
    rpcUrl: devnet.url,
    chainId: devnet.chainId,
    poolSize: 10,
    env: { RELAYER_PRIVATE_KEY: RELAYER.privateKey },
  });
  const { client, config } = api;
  const { maxTransfersPerTx, gasCap } = config.treasury;
  console.log(
    `treasury config: MAX_TRANSFERS_PER_TX ${maxTransfersPerTx}, SAFE_TX_GAS_CAP ${thousands(gasCap)}, relay ${RELAYER.address} (dev account 9)`,
  );

  const owner = new GuildhallSigner(privateKeyToAccount(ADMIN.privateKey), devnet.chainId);
  await createBenchDao(client, owner, {
    slug: DAO,
    name: 'Payouts bench',
    governanceToken: stack.governanceToken,
    safe: stack.daoSafe,
  });
  const dao = await dataSource.getRepository(DaoEntity).findOneByOrFail({ slug: DAO });
  const balanceOf = (holder: Address) =>
    publicClient.readContract({
      address: stack.payoutToken,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
    });
  const safeBalanceBefore = await balanceOf(stack.daoSafe);

  // The finalized round, seeded: one allocation and one tranche, unlocked now, per fresh address.
  const recipients = Array.from({ length: contributorCount }, freshAddress);
  const amounts = allocate(contributorCount, BUDGET);
  const allocated = amounts.reduce((sum, amount) => sum + amount, 0n);
  const roundId = randomUUID();
  const now = Date.now();
  const reviewDeadline = new Date(now - 60_000);
  const snapshotBlock = await publicClient.getBlockNumber();
  const started = performance.now();
  await dataSource.transaction(async (manager) => {
    await manager.insert(RoundEntity, {
      id: roundId,
      daoId: dao.id,
      name: 'Bench round',
      state: 'FINALIZED',
      token: stack.payoutToken,
      budget: BUDGET,
      submissionsOpenAt: new Date(now - 180_000),
      submissionsCloseAt: new Date(now - 120_000),
      reviewDeadline,
      snapshotBlock,
      engine: 'YUMA',
      yuma: { ...DEFAULT_YUMA_PARAMS },
      reviewerShareBps: 0,
      pools: [{ kind: 'FINE_TUNING', shareBps: 10_000, floorBps: 0 }],
      contributorCapBps: null,
      minPayout: 0n,
      vestingCliff: 0,
      vestingDuration: 0,
      vestingInterval: 0,
      minReviews: 1,
      acceptanceScore: 50,
      createdBy: ADMIN.address,
      finalizedAt: new Date(),
      allocated,
      unallocated: BUDGET - allocated,
      underfunded: false,
      result: { seededBy: 'bench:payouts' },
    });
    for (let start = 0; start < contributorCount; start += 1_000) {
      const slice = recipients.slice(start, start + 1_000);
      await manager.insert(
        RoundAllocationEntity,
        slice.map((recipient, i) => ({
          roundId,
          pool: 'FINE_TUNING',
          recipient,
          amount: amounts[start + i],
          explanation: { details: { attestations: [{ id: randomUUID() }] } },
        })),
      );
      await manager.insert(
        VestingTrancheEntity,
        slice.map((recipient, i) => ({
          roundId,
          pool: 'FINE_TUNING',
          recipient,
          seq: 0,
          amount: amounts[start + i],
          unlockAt: reviewDeadline,
          status: 'PENDING',
        })),
      );
    }
  });
  // The round is FINALIZED from here: the worker's sweep may propose its payouts on its own too.
  const finalizedAt = performance.now();
  console.log(
    `seeded in PostgreSQL (rewards entities, not through the API): a FINALIZED round of ${contributorCount} allocations and ${contributorCount} due tranches to fresh random addresses, ${dusdc(allocated)} of the Safe's ${dusdc(safeBalanceBefore)} (${seconds(finalizedAt - started)})`,
  );

  // 1. Planning.
  const { proposeRoundPayouts: planned } = await client.request(ProposeRoundPayoutsDocument, {
    round: roundId,
  });
  const plannedAt = performance.now();
  const payouts = [...planned].sort((a, b) => Number(BigInt(a.nonce) - BigInt(b.nonce)));
  const transfers = payouts.reduce((sum, tx) => sum + tx.actions.length, 0);
  if (transfers !== contributorCount)
    throw new Error(`planned ${transfers} transfers, expected ${contributorCount}`);

  // 2. Signing: two owners sign and confirm each payout.
  const signers = SIGNERS.map(
    (account) => new GuildhallSigner(privateKeyToAccount(account.privateKey), chain.id),
  );
  let signatures = 0;
  let signingMs = 0;
  let confirmingMs = 0;
  for (const tx of payouts)
    for (const signer of signers) {
      let t = performance.now();
      const signature = await signer.signSafeTransaction(tx);
      signingMs += performance.now() - t;
      signatures += 1;
      t = performance.now();
      const { confirmSafeTransaction } = await client.request(ConfirmSafeTransactionDocument, {
        safeTxHash: tx.safeTxHash,
        signature,
      });
      confirmingMs += performance.now() - t;
      if (signer === signers[signers.length - 1] && confirmSafeTransaction.status !== 'READY')
        throw new Error(`${tx.safeTxHash} is ${confirmSafeTransaction.status} after two confirmations`);
    }
  const signedAt = performance.now();

  // 3. Execution through the relay, in nonce order, then indexing until the round is PAID.
  const executions: Hex[] = [];
  for (const tx of payouts) {
    const { executeSafeTransaction } = await client.request(ExecuteSafeTransactionDocument, {
      safeTxHash: tx.safeTxHash,
    });
    if (executeSafeTransaction.executionTxHash === null)
      throw new Error(
        `${tx.safeTxHash} not sent: ${executeSafeTransaction.status} ${executeSafeTransaction.statusReason}`,
      );
    executions.push(executeSafeTransaction.executionTxHash);
  }
  const executedAt = performance.now();
  for (;;) {
    const { round } = await client.request(RoundStateDocument, { id: roundId });
    if (round.state === 'PAID') break;
    if (performance.now() - executedAt > 120_000) throw new Error(`round still ${round.state} after 120 s`);
    await sleep(50);
  }
  const paidAt = performance.now();

  // Receipts.
  const receipts = await Promise.all(executions.map((hash) => publicClient.getTransactionReceipt({ hash })));
  if (receipts.some((receipt) => receipt.status !== 'success'))
    throw new Error('a payout execution reverted');
  const totalGas = receipts.reduce((sum, receipt) => sum + receipt.gasUsed, 0n);
  const gasPerTransfer = Number(totalGas) / transfers;

  // Every recipient holds its allocation; every tranche is PAID.
  const balances: bigint[] = [];
  for (let start = 0; start < recipients.length; start += 500)
    balances.push(
      ...(await publicClient.multicall({
        allowFailure: false,
        contracts: recipients.slice(start, start + 500).map((recipient) => ({
          address: stack.payoutToken,
          abi: erc20Abi,
          functionName: 'balanceOf' as const,
          args: [recipient] as const,
        })),
      })),
    );
  const mismatches = recipients.filter((_, i) => balances[i] !== amounts[i]).length;
  const [{ paid, pending }]: Array<{ paid: number; pending: number }> = await dataSource.query(
    `SELECT count(*) FILTER (WHERE status = 'PAID')::int AS paid, count(*) FILTER (WHERE status = 'PENDING')::int AS pending
       FROM vesting_tranche WHERE round_id = $1`,
    [roundId],
  );
  const safeBalanceAfter = await balanceOf(stack.daoSafe);

  // Baseline: one Safe transaction per contributor, a single ERC20 transfer to a fresh address.
  const relay = createWalletClient({
    account: privateKeyToAccount(RELAYER.privateKey),
    chain,
    transport: http(devnet.url),
  });
  const baseline: bigint[] = [];
  for (let i = 0; i < baselineCount; i++) {
    const nonce = await publicClient.readContract({
      address: stack.daoSafe,
      abi: safeL2Abi,
      functionName: 'nonce',
    });
    const tx = {
      safeTxHash: '0x' as Hex, // not read by safeTxTypedData
      safe: stack.daoSafe,
      to: stack.payoutToken,
      value: 0n,
      data: encodeFunctionData({
        abi: erc20Abi,
        functionName: 'transfer',
        args: [freshAddress(), amounts[i % amounts.length]],
      }),
      operation: 0 as const,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zeroAddress,
      refundReceiver: zeroAddress,
      nonce,
    };
    const signed = await Promise.all(
      SIGNERS.map(async (account) => ({
        owner: account.address,
        signature: await privateKeyToAccount(account.privateKey).signTypedData(safeTxTypedData(chain.id, tx)),
      })),
    );
    const bytes = signed
      .sort((a, b) => a.owner.toLowerCase().localeCompare(b.owner.toLowerCase()))
      .map((s) => s.signature.slice(2))
      .join('');
    const hash = await relay.writeContract({
      address: stack.daoSafe,
      abi: safeL2Abi,
      functionName: 'execTransaction',
      args: [tx.to, 0n, tx.data, 0, 0n, 0n, 0n, zeroAddress, zeroAddress, `0x${bytes}`],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`baseline transfer ${i} reverted`);
    baseline.push(receipt.gasUsed);
  }
  const baselineMean = Number(baseline.reduce((sum, gas) => sum + gas, 0n)) / baseline.length;
  const baselineMin = baseline.reduce((min, gas) => (gas < min ? gas : min));
  const baselineMax = baseline.reduce((max, gas) => (gas > max ? gas : max));

  // Report.
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  console.log('\nSafe transactions');
  for (const [i, tx] of payouts.entries())
    line(
      `  nonce ${tx.nonce}: ${tx.actions.length} transfers`,
      `gas used ${thousands(receipts[i].gasUsed)} (estimated ${thousands(BigInt(tx.estimatedGas ?? 0))}), ${Math.round(Number(receipts[i].gasUsed) / tx.actions.length)} per transfer, block ${receipts[i].blockNumber}`,
    );
  line('Safe transactions', `${payouts.length} (MultiSendCallOnly, ≤ ${maxTransfersPerTx} transfers each)`);
  line('transfers', `${transfers}`);
  line('total gas used (receipts)', thousands(totalGas));
  line(
    'gas per transfer',
    `${Math.round(gasPerTransfer).toLocaleString('en-US')} (target ≤ ${TARGET_GAS_PER_TRANSFER.toLocaleString('en-US')}: ${gasPerTransfer <= TARGET_GAS_PER_TRANSFER ? 'met' : 'MISSED'})`,
  );
  line(
    'baseline: one Safe tx per contributor',
    `${Math.round(baselineMean).toLocaleString('en-US')} gas mean over ${baseline.length} (min ${thousands(baselineMin)}, max ${thousands(baselineMax)}), single ERC20 transfer via execTransaction to a fresh address, 2 signatures`,
  );
  line(
    '  the same round that way',
    `${contributorCount} Safe txs, ${thousands(Math.round(baselineMean * contributorCount))} gas, ${contributorCount * SIGNERS.length} signatures; batched saves ${(100 * (1 - gasPerTransfer / baselineMean)).toFixed(1)}% of the gas`,
  );
  line(
    'signatures the owners made',
    `${signatures} (${SIGNERS.length} owners × ${payouts.length} Safe transactions)`,
  );
  console.log('\nWall time from FINALIZED to PAID');
  line('total', seconds(paidAt - finalizedAt));
  line('  planning (proposeRoundPayouts)', seconds(plannedAt - finalizedAt));
  line(
    '  signing (sign + confirmSafeTransaction)',
    `${seconds(signedAt - plannedAt)} (signing ${seconds(signingMs)}, confirming over GraphQL ${seconds(confirmingMs)})`,
  );
  line(
    '  execution + indexing',
    `${seconds(paidAt - signedAt)} (${payouts.length} relayed executions ${seconds(executedAt - signedAt)}, then indexed PAID ${seconds(paidAt - executedAt)} later)`,
  );
  console.log('\nChecks');
  line(
    'recipient balances = allocations',
    mismatches === 0
      ? `ok: all ${recipients.length}`
      : `FAILED: ${mismatches} of ${recipients.length} differ`,
  );
  line('tranches', `${paid} PAID, ${pending} PENDING`);
  line(
    'Safe balance',
    `${dusdc(safeBalanceBefore)} → ${dusdc(safeBalanceAfter)} after the round (paid ${dusdc(safeBalanceBefore - safeBalanceAfter)}, allocated ${dusdc(allocated)})`,
  );

  console.log(`\n${load()} at the end`);
  await api.close();
  await dataSource.destroy();
  await devnet.close();
  await database.drop();
  if (mismatches > 0 || pending > 0) process.exitCode = 1;
}

await main();
