/**
 * What a DAO owes from several payable sources at once, paid end to end through the treasury on the
 * devnet's DAO Safe (SafeL2 1.4.1, 2-of-3, 1,000,000 dUSDC): a finalized round's due tranches, a
 * revenue share to holders and accepted bounties (every other one split by a two-person team), seeded together
 * in PostgreSQL. The worker's sweep
 * proposes everything (MultiSendCallOnly batches on the Safe's one nonce queue), two owners sign each
 * Safe transaction (`signSafeTransaction`, `confirmSafeTransaction`), the relay executes each
 * (`executeSafeTransaction`) and the sweep indexes ExecutionSuccess until every obligation is paid.
 *
 * Judged on gas per transfer against the **MultiSend floor** measured in the same run: one Safe
 * transaction of as many transfers as the treasury batches (MAX_TRANSFERS_PER_TX) to fresh addresses,
 * built by hand, nothing else in it (target ≤ 1.03×). Also reports a single transfer per Safe
 * transaction, the time from seeding to proposed (one sweep), the owners' signatures, the wall time
 * and its parts, and checks every payee's balance on-chain.
 *
 *   npm run bench:payouts           # 2,000 tranches, a 1,000-holder revenue share, 200 bounty payouts
 *   npm run bench:payouts -- --tranches 500 --holders 100 --bounties 20 --baseline 5
 *
 * The sources' rows are seeded directly through their entities: the bench measures the treasury, not
 * scoring or reviewing. The API and its worker, the devnet and the owners share this process. Needs
 * PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { encodeMultiSendData } from '@safe-global/protocol-kit';
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
import {
  DEV_ACCOUNTS,
  defineGuildhallChain,
  deployDevStack,
  Devnet,
  multiSendCallOnlyAbi,
  safeL2Abi,
} from '@guildhall/chain';
import { createDataSource } from '@guildhall/database';
import { BountyClaimEntity, BountyEntity, BountyPayoutEntity } from '@guildhall/bounties/datasources';
import { DaoEntity } from '@guildhall/dao/datasources';
import { entities } from '@guildhall/platform';
import { DEFAULT_YUMA_PARAMS } from '@guildhall/rewards';
import {
  RevenueRecordEntity,
  RevenueShareAllocationEntity,
  RevenueShareEntity,
  RoundAllocationEntity,
  RoundEntity,
  VestingTrancheEntity,
} from '@guildhall/rewards/datasources';
import {
  ConfirmSafeTransactionDocument,
  ExecuteSafeTransactionDocument,
  GuildhallSigner,
  SafeTransactionsDocument,
  safeTxTypedData,
  type SafeTransactionFieldsFragment,
  type SafeTransactionsQuery,
} from '@guildhall/sdk';
import { In, Not, type EntityManager } from 'typeorm';
import { createBenchDatabase, createBenchDao, startBenchApi } from './support/bench-stack.js';
import { seededRandom } from './support/seeded-random.js';

// eslint-disable-next-line no-restricted-syntax -- a bench reads its sizes and server from the shell, as the tests do
const env = process.env;
const { values: flags } = parseArgs({
  options: {
    tranches: { type: 'string' },
    holders: { type: 'string' },
    bounties: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const count = (flag: string | undefined, fallback: number, min = 1) => {
  const value = Number(flag ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`not a count: ${flag}`);
  return value;
};
const trancheCount = count(flags.tranches, 2_000, 0);
const holderCount = count(flags.holders, 1_000, 0);
/** Bounty payouts: every other bounty is paid to a two-person team (two payouts). */
const bountyPayoutCount = count(flags.bounties, 200, 0);
const baselineCount = count(flags.baseline, 20);
const server = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const DAO = 'payouts';
const ADMIN = DEV_ACCOUNTS[5];
const RELAYER = DEV_ACCOUNTS[9];
/** Two of the DAO Safe's three owners (dev accounts 1–3, threshold 2). */
const SIGNERS = [DEV_ACCOUNTS[1], DEV_ACCOUNTS[2]];
/** What each source owes in total, in dUSDC base units (6 decimals), of the Safe's 1,000,000. */
const ROUND_BUDGET = 700_000n * 10n ** 6n;
const REVENUE = 150_000n * 10n ** 6n;
const BOUNTY_REWARD = 250n * 10n ** 6n;
/** Gas per transfer may exceed the MultiSend floor by this factor at most. */
const TARGET_RATIO = 1.03;

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
const sum = (amounts: readonly bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);

/** `total` split over `n` payees by seeded weights of 1 to 100; every amount positive. */
function split(n: number, total: bigint, seed: number): bigint[] {
  const random = seededRandom(seed);
  const weights = Array.from({ length: n }, () => BigInt(1 + Math.floor(random() * 100)));
  const weightTotal = sum(weights);
  return weights.map((w) => (total * w) / weightTotal);
}

/** What one source owes: fresh payees and their amounts, and how to read back what is still unpaid. */
interface SeededSource {
  readonly name: string;
  readonly payees: readonly Address[];
  readonly amounts: readonly bigint[];
  unpaid(manager: EntityManager): Promise<number>;
}

async function seedRound(manager: EntityManager, daoId: string, token: Address, snapshotBlock: bigint) {
  const payees = Array.from({ length: trancheCount }, freshAddress);
  const amounts = split(trancheCount, ROUND_BUDGET, 2_000);
  const roundId = randomUUID();
  const now = Date.now();
  const reviewDeadline = new Date(now - 60_000);
  const allocated = sum(amounts);
  await manager.insert(RoundEntity, {
    id: roundId,
    daoId,
    name: 'Bench round',
    state: 'FINALIZED',
    token,
    budget: ROUND_BUDGET,
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
    unallocated: ROUND_BUDGET - allocated,
    underfunded: false,
    result: { seededBy: 'bench:payouts' },
  });
  for (let start = 0; start < trancheCount; start += 1_000) {
    const slice = payees.slice(start, start + 1_000);
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
  return {
    name: 'round tranches (one FINALIZED round, every tranche unlocked)',
    payees,
    amounts,
    unpaid: (m: EntityManager) => m.countBy(VestingTrancheEntity, { roundId, status: Not('PAID') }),
  } satisfies SeededSource;
}

async function seedRevenueShare(
  manager: EntityManager,
  daoId: string,
  token: Address,
  snapshotBlock: bigint,
) {
  const payees = Array.from({ length: holderCount }, freshAddress);
  const balances = split(holderCount, 10n ** 24n, 3_000);
  const eligibleSupply = sum(balances);
  const amounts = balances.map((balance) => (REVENUE * balance) / eligibleSupply);
  const allocated = sum(amounts);
  const now = Date.now();
  const { identifiers } = await manager.insert(RevenueRecordEntity, {
    daoId,
    token,
    amount: REVENUE,
    periodStart: new Date(now - 86_400_000),
    periodEnd: new Date(now),
    reference: 'bench:payouts',
    recordedBy: ADMIN.address,
  });
  const shareId = randomUUID();
  await manager.insert(RevenueShareEntity, {
    id: shareId,
    daoId,
    revenueId: (identifiers[0] as { id: string }).id,
    snapshotBlock,
    excluded: [],
    state: 'COMPUTED',
    target: 'HOLDERS',
    model: null,
    lookbackRounds: null,
    minPayout: 0n,
    carriedIn: 0n,
    carriedOver: 0n,
    eligibleSupply,
    allocated,
    unallocated: REVENUE - allocated,
    createdBy: ADMIN.address,
  });
  for (let start = 0; start < holderCount; start += 1_000)
    await manager.insert(
      RevenueShareAllocationEntity,
      payees.slice(start, start + 1_000).map((holder, i) => ({
        shareId,
        holder,
        balance: balances[start + i],
        amount: amounts[start + i],
        status: 'PENDING',
      })),
    );
  return {
    name: `a revenue share to ${holderCount} holders (COMPUTED)`,
    payees,
    amounts,
    unpaid: (m: EntityManager) => m.countBy(RevenueShareAllocationEntity, { shareId, status: Not('PAID') }),
  } satisfies SeededSource;
}

/**
 * Accepted bounties owing `bountyPayoutCount` payouts: a bounty paid to one claimant, then one split
 * 60/40 by a team of two, and so on (their claims ACCEPTED, their payouts PENDING).
 */
async function seedBounties(manager: EntityManager, daoId: string, token: Address) {
  const payees: Address[] = [];
  const amounts: bigint[] = [];
  const bountyIds: string[] = [];
  const now = Date.now();
  for (let n = 0; payees.length < bountyPayoutCount; n++) {
    const team = n % 2 === 1 && bountyPayoutCount - payees.length >= 2;
    const claimant = freshAddress();
    const { identifiers } = await manager.insert(BountyEntity, {
      daoId,
      title: `Bench bounty ${n + 1}`,
      description: 'seeded by bench:payouts',
      token,
      amount: BOUNTY_REWARD,
      kind: null,
      deadline: new Date(now + 86_400_000),
      maxClaimants: 1,
      claimTtl: 86_400,
      teamAllowed: team,
      minReviews: 0,
      acceptanceScore: 50,
      reviewers: [],
      state: 'ACCEPTED',
      createdBy: ADMIN.address,
    });
    const bountyId = (identifiers[0] as { id: string }).id;
    bountyIds.push(bountyId);
    await manager.insert(BountyClaimEntity, {
      bountyId,
      claimant,
      state: 'ACCEPTED',
      expiresAt: new Date(now + 86_400_000),
      submittedAt: new Date(now),
      decidedAt: new Date(now),
    });
    const split: Array<[Address, bigint]> = team
      ? [
          [claimant, (BOUNTY_REWARD * 6n) / 10n],
          [freshAddress(), BOUNTY_REWARD - (BOUNTY_REWARD * 6n) / 10n],
        ]
      : [[claimant, BOUNTY_REWARD]];
    await manager.insert(
      BountyPayoutEntity,
      split.map(([payee, amount]) => ({ bountyId, payee, amount, status: 'PENDING' })),
    );
    for (const [payee, amount] of split) {
      payees.push(payee);
      amounts.push(amount);
    }
  }
  return {
    name: `${bountyIds.length} accepted bounties (every other one split by a team of two)`,
    payees,
    amounts,
    unpaid: (m: EntityManager) =>
      m.countBy(BountyPayoutEntity, { bountyId: In(bountyIds), status: Not('PAID') }),
  } satisfies SeededSource;
}

async function main(): Promise<void> {
  console.log(
    `bench:payouts: ${trancheCount} round tranches + a ${holderCount}-holder revenue share + ${bountyPayoutCount} bounty payouts, paid from the devnet's DAO Safe (SafeL2 1.4.1, 2-of-3); baseline ${baselineCount} single-transfer Safe transactions; ${load()}`,
  );
  const database = await createBenchDatabase(server);
  const dataSource = await createDataSource({ url: database.url, poolSize: 2, entities }).initialize();

  const devnet = await Devnet.start();
  const stack = await deployDevStack(devnet.url);
  const chain = defineGuildhallChain({ chainId: devnet.chainId, rpcUrl: devnet.url });
  const publicClient = createPublicClient({ chain, transport: http(devnet.url) });
  const relay = createWalletClient({
    account: privateKeyToAccount(RELAYER.privateKey),
    chain,
    transport: http(devnet.url),
  });

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

  /** Signs `tx` by two owners and executes it from the relay, outside Guildhall: the gas it used. */
  const execDirectly = async (to: Address, data: Hex, operation: 0 | 1): Promise<bigint> => {
    const nonce = await publicClient.readContract({
      address: stack.daoSafe,
      abi: safeL2Abi,
      functionName: 'nonce',
    });
    const tx = {
      safeTxHash: '0x' as Hex, // not read by safeTxTypedData
      safe: stack.daoSafe,
      to,
      value: 0n,
      data,
      operation,
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
      args: [to, 0n, data, operation, 0n, 0n, 0n, zeroAddress, zeroAddress, `0x${bytes}`],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`Safe transaction at nonce ${nonce} reverted`);
    return receipt.gasUsed;
  };
  const transferData = (to: Address, amount: bigint) =>
    encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] });

  // The floor: one MultiSendCallOnly Safe transaction of a full batch of transfers, built by hand.
  const floorGas = await execDirectly(
    stack.safeContracts.multiSendCallOnly,
    encodeFunctionData({
      abi: multiSendCallOnlyAbi,
      functionName: 'multiSend',
      args: [
        encodeMultiSendData(
          Array.from({ length: maxTransfersPerTx }, () => ({
            to: stack.payoutToken,
            value: '0',
            data: transferData(freshAddress(), 10n ** 6n),
            operation: 0,
          })),
        ) as Hex,
      ],
    }),
    1,
  );
  const floor = Number(floorGas) / maxTransfersPerTx;
  // The baseline: one Safe transaction per payee, a single ERC20 transfer.
  const baseline: bigint[] = [];
  for (let i = 0; i < baselineCount; i++)
    baseline.push(await execDirectly(stack.payoutToken, transferData(freshAddress(), 10n ** 6n), 0));
  const baselineMean = Number(sum(baseline)) / baseline.length;
  const safeBalanceSeeded = await balanceOf(stack.daoSafe);

  // Every source, seeded in one transaction: the worker's sweep may propose from here on.
  const snapshotBlock = await publicClient.getBlockNumber();
  const started = performance.now();
  const sources: SeededSource[] = await dataSource.transaction(async (manager) => [
    ...(trancheCount > 0 ? [await seedRound(manager, dao.id, stack.payoutToken, snapshotBlock)] : []),
    ...(holderCount > 0 ? [await seedRevenueShare(manager, dao.id, stack.payoutToken, snapshotBlock)] : []),
    ...(bountyPayoutCount > 0 ? [await seedBounties(manager, dao.id, stack.payoutToken)] : []),
  ]);
  const seededAt = performance.now();
  const owed = sum(sources.flatMap((source) => source.amounts));
  const expected = sources.reduce((total, source) => total + source.payees.length, 0);
  for (const source of sources)
    console.log(`seeded: ${source.name}: ${source.payees.length} payees, ${dusdc(sum(source.amounts))}`);
  console.log(
    `seeded in PostgreSQL through the sources' entities (${seconds(seededAt - started)}): ${expected} transfers owed, ${dusdc(owed)} of the Safe's ${dusdc(safeBalanceSeeded)}`,
  );

  // 1. Proposing: the worker's sweep plans every source's obligations on the Safe's nonce queue.
  let payouts: SafeTransactionFieldsFragment[] = [];
  for (;;) {
    payouts = [];
    let after: string | null = null;
    do {
      const { safeTransactions }: SafeTransactionsQuery = await client.request(SafeTransactionsDocument, {
        dao: DAO,
        status: 'AWAITING_CONFIRMATIONS',
        first: 100,
        after,
      });
      payouts.push(...safeTransactions.nodes);
      after = safeTransactions.pageInfo.hasNextPage ? safeTransactions.pageInfo.endCursor : null;
    } while (after !== null);
    if (payouts.reduce((total, tx) => total + tx.actions.length, 0) >= expected) break;
    if (performance.now() - seededAt > 120_000) throw new Error('not everything proposed after 120 s');
    await sleep(50);
  }
  const proposedAt = performance.now();
  payouts.sort((a, b) => Number(BigInt(a.nonce) - BigInt(b.nonce)));
  const transfers = payouts.reduce((total, tx) => total + tx.actions.length, 0);
  if (transfers !== expected) throw new Error(`proposed ${transfers} transfers, expected ${expected}`);

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

  // 3. Execution through the relay, in nonce order, then indexing until every obligation is paid.
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
  const unpaid = async () =>
    sum(await Promise.all(sources.map(async (source) => BigInt(await source.unpaid(dataSource.manager)))));
  for (;;) {
    if ((await unpaid()) === 0n) break;
    if (performance.now() - executedAt > 120_000) throw new Error(`${await unpaid()} unpaid after 120 s`);
    await sleep(50);
  }
  const paidAt = performance.now();

  // Receipts.
  const receipts = await Promise.all(executions.map((hash) => publicClient.getTransactionReceipt({ hash })));
  if (receipts.some((receipt) => receipt.status !== 'success'))
    throw new Error('a payout execution reverted');
  const totalGas = sum(receipts.map((receipt) => receipt.gasUsed));
  const gasPerTransfer = Number(totalGas) / transfers;
  const ratio = gasPerTransfer / floor;

  // Every payee holds exactly what it was owed.
  const payees = sources.flatMap((source) => source.payees);
  const amounts = sources.flatMap((source) => source.amounts);
  const balances: bigint[] = [];
  for (let start = 0; start < payees.length; start += 500)
    balances.push(
      ...(await publicClient.multicall({
        allowFailure: false,
        contracts: payees.slice(start, start + 500).map((payee) => ({
          address: stack.payoutToken,
          abi: erc20Abi,
          functionName: 'balanceOf' as const,
          args: [payee] as const,
        })),
      })),
    );
  const mismatches = payees.filter((_, i) => balances[i] !== amounts[i]).length;
  const safeBalanceAfter = await balanceOf(stack.daoSafe);

  // Report.
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  console.log('\nSafe transactions');
  for (const [i, tx] of payouts.entries())
    line(
      `  nonce ${tx.nonce}: ${tx.origin.kind}, ${tx.actions.length} transfers`,
      `gas used ${thousands(receipts[i].gasUsed)} (estimated ${thousands(BigInt(tx.estimatedGas ?? 0))}), ${Math.round(Number(receipts[i].gasUsed) / tx.actions.length)} per transfer, block ${receipts[i].blockNumber}`,
    );
  line('Safe transactions', `${payouts.length} (MultiSendCallOnly, ≤ ${maxTransfersPerTx} transfers each)`);
  line('transfers', `${transfers}`);
  line('total gas used (receipts)', thousands(totalGas));
  line(
    'MultiSend floor',
    `${Math.round(floor).toLocaleString('en-US')} gas per transfer (one Safe tx of ${maxTransfersPerTx} transfers built by hand: ${thousands(floorGas)} gas)`,
  );
  line(
    'gas per transfer',
    `${Math.round(gasPerTransfer).toLocaleString('en-US')} = ${ratio.toFixed(4)}× the floor (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`,
  );
  line(
    'baseline: one Safe tx per payee',
    `${Math.round(baselineMean).toLocaleString('en-US')} gas mean over ${baseline.length}: the same ${transfers} payees that way ${thousands(Math.round(baselineMean * transfers))} gas, ${transfers * SIGNERS.length} signatures; batched saves ${(100 * (1 - gasPerTransfer / baselineMean)).toFixed(1)}%`,
  );
  line(
    'signatures the owners made',
    `${signatures} (${SIGNERS.length} owners × ${payouts.length} Safe transactions)`,
  );
  console.log('\nWall time from seeded to paid');
  line('total', seconds(paidAt - seededAt));
  line('  proposed by the worker (one sweep)', seconds(proposedAt - seededAt));
  line(
    '  signing (sign + confirmSafeTransaction)',
    `${seconds(signedAt - proposedAt)} (signing ${seconds(signingMs)}, confirming over GraphQL ${seconds(confirmingMs)})`,
  );
  line(
    '  execution + indexing',
    `${seconds(paidAt - signedAt)} (${payouts.length} relayed executions ${seconds(executedAt - signedAt)}, then indexed paid ${seconds(paidAt - executedAt)} later)`,
  );
  console.log('\nChecks');
  line(
    'payee balances = obligations',
    mismatches === 0 ? `ok: all ${payees.length}` : `FAILED: ${mismatches} of ${payees.length} differ`,
  );
  line(
    'Safe balance',
    `${dusdc(safeBalanceSeeded)} → ${dusdc(safeBalanceAfter)} (paid ${dusdc(safeBalanceSeeded - safeBalanceAfter)}, owed ${dusdc(owed)})`,
  );

  console.log(`\n${load()} at the end`);
  await api.close();
  await dataSource.destroy();
  await devnet.close();
  await database.drop();
  if (mismatches > 0 || safeBalanceSeeded - safeBalanceAfter !== owed) process.exitCode = 1;
}

await main();
