import {
  CreateDaoDocument,
  CreateRoundDocument,
  FinalizeRoundDocument,
  RecordRevenueDocument,
  RoundDocument,
  SetReviewersDocument,
  type AttestationKind,
  type RoundFieldsFragment,
  type RoundYumaParams,
  type VotingRules,
} from '@guildhall/sdk';
import type { Address } from 'viem';
import { UsageError } from '../args.js';
import { ExitCode } from '../exit-codes.js';
import {
  colors,
  printFields,
  printJson,
  printTable,
  shortAddress,
  when,
  type GlobalOptions,
} from '../output.js';
import { Progress } from '../progress.js';
import { apiClient, signingSession, type SigningOptions } from '../session.js';

export interface CreateDaoOptions extends SigningOptions {
  readonly dao: string;
  readonly name: string;
  readonly token: Address;
  readonly safe: Address;
  readonly votingDelay: number;
  readonly votingPeriod: number;
  readonly proposalThreshold: bigint;
  readonly quorum: bigint;
  readonly quorumKind: VotingRules['quorumKind'];
  readonly supermajorityBps: number;
  readonly voteType: VotingRules['voteTypes'];
  readonly voteChange: boolean;
}

export async function createDao(globals: GlobalOptions, options: CreateDaoOptions): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { createDao } = await client.request(
    CreateDaoDocument,
    await signer.createDao({
      dao: options.dao,
      name: options.name,
      governanceToken: options.token,
      safe: options.safe,
      rules: {
        votingDelay: options.votingDelay,
        votingPeriod: options.votingPeriod,
        proposalThreshold: options.proposalThreshold,
        quorumKind: options.quorumKind,
        quorum: options.quorum,
        supermajorityBps: options.supermajorityBps,
        voteTypes: [...new Set(options.voteType)],
        allowVoteChange: options.voteChange,
      },
    }),
  );
  if (globals.json) printJson(createDao);
  else {
    process.stdout.write(`${colors.green('✔')} DAO ${colors.bold(createDao.slug)} created\n`);
    printFields([
      ['name', createDao.name],
      ['chain', String(createDao.chainId)],
      ['token', createDao.governanceToken],
      ['safe', createDao.safeAddress],
      ['admins', createDao.admins.join(', ')],
      ['voting', `delay ${createDao.votingDelay} s, period ${createDao.votingPeriod} s`],
      ['quorum', `${createDao.quorum} (${createDao.quorumKind})`],
      ['vote types', createDao.voteTypes.join(', ')],
    ]);
  }
  return ExitCode.OK;
}

export async function setReviewers(
  globals: GlobalOptions,
  reviewers: readonly Address[],
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { setReviewers } = await client.request(
    SetReviewersDocument,
    await signer.setReviewers({ dao: options.dao, reviewers: [...new Set(reviewers)] }),
  );
  if (globals.json) printJson({ dao: options.dao, reviewers: setReviewers });
  else {
    process.stdout.write(`${colors.green('✔')} ${options.dao} has ${setReviewers.length} reviewer(s)\n`);
    for (const reviewer of setReviewers) process.stdout.write(`  ${reviewer}\n`);
  }
  return ExitCode.OK;
}

export interface CreateRoundOptions extends SigningOptions {
  readonly dao: string;
  readonly name: string;
  readonly token: Address;
  readonly budget: bigint;
  /** Default: now. */
  readonly opens?: Date;
  readonly closes: Date;
  readonly reviewDeadline: Date;
  readonly pool: ReadonlyArray<{ kind: AttestationKind; shareBps: number; floorBps: number }>;
  readonly engine: 'YUMA' | 'MEAN' | 'MEDIAN';
  readonly kappa?: number;
  readonly bondsPenalty?: number;
  readonly reviewerShareBps?: number;
  readonly contributorCapBps?: number;
  readonly minPayout?: bigint;
  readonly minReviews?: number;
  readonly acceptanceScore?: number;
  readonly snapshotBlock?: bigint;
  readonly vestingCliff?: number;
  readonly vestingDuration?: number;
  readonly vestingInterval?: number;
}

export async function createRound(globals: GlobalOptions, options: CreateRoundOptions): Promise<ExitCode> {
  const opens = options.opens ?? new Date();
  if (!(opens < options.closes && options.closes <= options.reviewDeadline))
    throw new UsageError('--closes: the phases must run --opens < --closes <= --review-deadline');
  const vesting =
    options.vestingDuration === undefined
      ? undefined
      : {
          cliff: options.vestingCliff ?? 0,
          duration: options.vestingDuration,
          interval: options.vestingInterval ?? options.vestingDuration,
        };
  if (vesting === undefined && (options.vestingCliff ?? options.vestingInterval) !== undefined)
    throw new UsageError('--vesting-duration: needed with --vesting-cliff or --vesting-interval');
  const yuma: Partial<RoundYumaParams> = {
    ...(options.kappa === undefined ? {} : { kappa: options.kappa }),
    ...(options.bondsPenalty === undefined ? {} : { bondsPenalty: options.bondsPenalty }),
  };
  const { client, signer } = await signingSession(globals, options);
  const { createRound } = await client.request(
    CreateRoundDocument,
    await signer.createRound({
      dao: options.dao,
      name: options.name,
      token: options.token,
      budget: options.budget,
      submissionsOpenAt: opens,
      submissionsCloseAt: options.closes,
      reviewDeadline: options.reviewDeadline,
      snapshotBlock: options.snapshotBlock,
      engine: options.engine,
      yuma,
      reviewerShareBps: options.reviewerShareBps,
      pools: options.pool,
      contributorCapBps: options.contributorCapBps,
      minPayout: options.minPayout,
      vesting,
      minReviews: options.minReviews,
      acceptanceScore: options.acceptanceScore,
    }),
  );
  if (globals.json) printJson(createRound);
  else {
    process.stdout.write(`${colors.green('✔')} Round ${colors.bold(createRound.id)} created\n`);
    printRound(createRound);
  }
  return ExitCode.OK;
}

export async function finalizeRound(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const progress = new Progress(globals.json);
  progress.start(`Finalizing round ${id}: scoring and allocating`);
  const { finalizeRound } = await client
    .request(FinalizeRoundDocument, await signer.finalizeRound({ dao: options.dao, round: id }))
    .finally(() => progress.stop());
  if (globals.json) printJson(finalizeRound);
  else {
    process.stdout.write(`${colors.green('✔')} Round ${finalizeRound.id} is ${finalizeRound.state}\n`);
    printRound(finalizeRound);
  }
  return ExitCode.OK;
}

export async function showRound(
  globals: GlobalOptions,
  id: string,
  options: { first: number },
): Promise<ExitCode> {
  const { round } = await apiClient(globals).request(RoundDocument, { id, first: options.first });
  if (globals.json) {
    printJson(round);
    return ExitCode.OK;
  }
  printRound(round);
  if (round.allocations.nodes.length > 0) {
    process.stdout.write(`\n${colors.bold('Allocations')}\n`);
    printTable(
      ['POOL', 'RECIPIENT', 'AMOUNT'],
      round.allocations.nodes.map((a) => [a.pool, a.recipient, a.amount]),
    );
    if (round.allocations.pageInfo.hasNextPage)
      process.stdout.write(colors.dim(`more: --first ${Math.min(options.first * 2, 100)} or --json\n`));
  }
  return ExitCode.OK;
}

export async function recordRevenue(
  globals: GlobalOptions,
  options: SigningOptions & {
    dao: string;
    token: Address;
    amount: bigint;
    periodStart: Date;
    periodEnd: Date;
    reference: string;
  },
): Promise<ExitCode> {
  if (!(options.periodStart < options.periodEnd))
    throw new UsageError('--period-end: must be after --period-start');
  const { client, signer } = await signingSession(globals, options);
  const { recordRevenue } = await client.request(
    RecordRevenueDocument,
    await signer.recordRevenue({
      dao: options.dao,
      token: options.token,
      amount: options.amount,
      periodStart: options.periodStart,
      periodEnd: options.periodEnd,
      reference: options.reference,
    }),
  );
  if (globals.json) printJson(recordRevenue);
  else {
    process.stdout.write(`${colors.green('✔')} Revenue ${colors.bold(recordRevenue.id)} recorded\n`);
    printFields([
      ['amount', `${recordRevenue.amount} of ${recordRevenue.token}`],
      ['period', `${when(recordRevenue.periodStart)} → ${when(recordRevenue.periodEnd)}`],
      ['reference', recordRevenue.reference],
      ['recorded by', recordRevenue.recordedBy],
    ]);
  }
  return ExitCode.OK;
}

function printRound(r: RoundFieldsFragment): void {
  printFields([
    ['id', r.id],
    ['dao', r.dao],
    ['name', r.name],
    ['state', r.state],
    ['budget', `${r.budget} of ${r.token}`],
    ['submissions', `${when(r.submissionsOpenAt)} → ${when(r.submissionsCloseAt)}`],
    ['review deadline', when(r.reviewDeadline)],
    ['engine', r.engine],
    ['pools', r.pools.map((p) => `${p.kind} ${p.shareBps / 100}%`).join(', ')],
    ['reviewers share', `${r.reviewerShareBps / 100}%`],
    ['created by', shortAddress(r.createdBy)],
    ...(r.finalizedAt === null
      ? []
      : ([
          ['finalized', when(r.finalizedAt)],
          ['allocated', `${r.allocated ?? '0'} (unallocated ${r.unallocated ?? '0'})`],
        ] as const)),
  ]);
}
