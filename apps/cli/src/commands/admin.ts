import {
  CancelRoundDocument,
  CreateDaoDocument,
  CreateRevenueShareDocument,
  CreateRoundDocument,
  DaoDocument,
  DaoWithSettingsDocument,
  FinalizeRoundDocument,
  RecordRevenueDocument,
  ReviewSettingsDocument,
  RoundDocument,
  SetDaoAdminsDocument,
  SetReviewPolicyDocument,
  SetReviewersDocument,
  UpdateDaoSettingsDocument,
  type AttestationKind,
  type CreateDaoMutation,
  type RoundFieldsFragment,
  type RoundYumaParams,
  type VotingRules,
} from '@guildhall/sdk';
import type { Address } from 'viem';
import { amountText, TokenBook } from '../amounts.js';
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
import { apiClient, exactApiClient, signingSession, type SigningOptions } from '../session.js';

/** The voting options of `dao create` and `dao settings` (admin.command.ts, `votingOptions`). */
export interface VotingOptions {
  readonly votingDelay: number;
  readonly votingPeriod: number;
  readonly proposalThreshold: bigint;
  readonly quorum: bigint;
  readonly quorumKind: VotingRules['quorumKind'];
  readonly supermajorityBps: number;
  readonly voteType: VotingRules['voteTypes'];
  readonly voteChange: boolean;
}

const VOTING_OPTIONS = [
  'votingDelay',
  'votingPeriod',
  'proposalThreshold',
  'quorum',
  'quorumKind',
  'supermajorityBps',
  'voteType',
  'voteChange',
] as const satisfies ReadonlyArray<keyof VotingOptions>;

const votingRules = (options: VotingOptions): VotingRules => ({
  votingDelay: options.votingDelay,
  votingPeriod: options.votingPeriod,
  proposalThreshold: options.proposalThreshold,
  quorumKind: options.quorumKind,
  quorum: options.quorum,
  supermajorityBps: options.supermajorityBps,
  voteTypes: [...new Set(options.voteType)],
  allowVoteChange: options.voteChange,
});

export interface CreateDaoOptions extends SigningOptions, VotingOptions {
  readonly dao: string;
  readonly name: string;
  readonly token: Address;
  readonly safe: Address;
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
      rules: votingRules(options),
    }),
  );
  if (globals.json) printJson(createDao);
  else {
    process.stdout.write(`${colors.green('✔')} DAO ${colors.bold(createDao.slug)} created\n`);
    await printDao(createDao, new TokenBook(client));
  }
  return ExitCode.OK;
}

export interface DaoSettingsOptions extends SigningOptions, Partial<VotingOptions> {
  readonly dao: string;
  readonly name?: string;
}

/**
 * `guildhall dao settings`: UpdateDaoSettings signs the whole configuration, so what the command
 * line does not give is the DAO's current value, read just before signing.
 */
export async function updateDaoSettings(
  globals: GlobalOptions,
  options: DaoSettingsOptions,
): Promise<ExitCode> {
  const changes: Partial<VotingOptions> = Object.fromEntries(
    VOTING_OPTIONS.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]),
  );
  if (options.name === undefined && Object.keys(changes).length === 0)
    throw new UsageError('nothing to change: give --name or a voting option (--voting-period, --quorum, …)');
  if (changes.quorumKind !== undefined && changes.quorum === undefined)
    throw new UsageError('--quorum: give the quorum in the new --quorum-kind unit');
  const { client, signer } = await signingSession(globals, options);
  // Read exactly as stored: the current name is signed again when --name is not given.
  const { dao: current } = await exactApiClient(globals).request(DaoWithSettingsDocument, {
    slug: options.dao,
  });
  const rules = votingRules({
    votingDelay: current.votingDelay,
    votingPeriod: current.votingPeriod,
    proposalThreshold: BigInt(current.proposalThreshold),
    quorumKind: current.quorumKind,
    quorum: BigInt(current.quorum),
    supermajorityBps: current.supermajorityBps,
    voteType: current.voteTypes.map(
      (type) => type.toLowerCase().replace('_', '-') as VotingRules['voteTypes'][number],
    ),
    voteChange: current.allowVoteChange,
    ...changes,
  });
  const { updateDaoSettings } = await client.request(
    UpdateDaoSettingsDocument,
    await signer.updateDaoSettings({ dao: options.dao, name: options.name ?? current.name, rules }),
  );
  if (globals.json) printJson(updateDaoSettings);
  else {
    process.stdout.write(`${colors.green('✔')} DAO ${colors.bold(updateDaoSettings.slug)} updated\n`);
    await printDao(updateDaoSettings, new TokenBook(client));
  }
  return ExitCode.OK;
}

export async function setDaoAdmins(
  globals: GlobalOptions,
  options: SigningOptions & { dao: string; admin: readonly Address[] },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { setDaoAdmins } = await client.request(
    SetDaoAdminsDocument,
    await signer.setDaoAdmins({ dao: options.dao, admins: [...new Set(options.admin)] }),
  );
  if (globals.json) printJson(setDaoAdmins);
  else {
    process.stdout.write(
      `${colors.green('✔')} ${setDaoAdmins.slug} has ${setDaoAdmins.admins.length} admin(s)\n`,
    );
    for (const admin of setDaoAdmins.admins) process.stdout.write(`  ${admin}\n`);
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

export interface ReviewPolicyOptions extends SigningOptions {
  readonly dao: string;
  readonly minReviews?: number;
  readonly acceptanceScore?: number;
  readonly reviewPeriod?: number;
  readonly cosignWindow?: number;
}

/** `guildhall reviewers policy`: SetReviewPolicy signs every field; the others keep their current value. */
export async function setReviewPolicy(
  globals: GlobalOptions,
  options: ReviewPolicyOptions,
): Promise<ExitCode> {
  const { minReviews, acceptanceScore, reviewPeriod, cosignWindow } = options;
  if ([minReviews, acceptanceScore, reviewPeriod, cosignWindow].every((value) => value === undefined))
    throw new UsageError(
      'nothing to change: give --min-reviews, --acceptance-score, --review-period or --cosign-window',
    );
  if (reviewPeriod === 0 || cosignWindow === 0)
    throw new UsageError(
      `${reviewPeriod === 0 ? '--review-period' : '--cosign-window'}: must be at least 1s`,
    );
  const { client, signer } = await signingSession(globals, options);
  const { reviewPolicy: current } = await client.request(ReviewSettingsDocument, { dao: options.dao });
  const { setReviewPolicy } = await client.request(
    SetReviewPolicyDocument,
    await signer.setReviewPolicy({
      dao: options.dao,
      minReviews: minReviews ?? current.minReviews,
      acceptanceScore: acceptanceScore ?? current.acceptanceScore,
      reviewPeriod: reviewPeriod ?? current.reviewPeriod,
      cosignWindow: cosignWindow ?? current.cosignWindow,
    }),
  );
  if (globals.json) printJson({ dao: options.dao, ...setReviewPolicy });
  else {
    process.stdout.write(`${colors.green('✔')} Review policy of ${options.dao} set\n`);
    printFields([
      ['min reviews', String(setReviewPolicy.minReviews)],
      ['acceptance score', String(setReviewPolicy.acceptanceScore)],
      ['review period', `${setReviewPolicy.reviewPeriod} s`],
      ['cosign window', `${setReviewPolicy.cosignWindow} s`],
    ]);
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
    printRound(createRound, await new TokenBook(client).formatter(createRound.token));
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
    printRound(finalizeRound, await new TokenBook(client).formatter(finalizeRound.token));
  }
  return ExitCode.OK;
}

export async function cancelRound(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string; reason: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { cancelRound } = await client.request(
    CancelRoundDocument,
    await signer.cancelRound({ dao: options.dao, round: id, reason: options.reason }),
  );
  if (globals.json) printJson(cancelRound);
  else {
    process.stdout.write(`${colors.green('✔')} Round ${cancelRound.id} is ${cancelRound.state}\n`);
    printRound(cancelRound, await new TokenBook(client).formatter(cancelRound.token));
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
  const amount = (value: string) => amountText(value, round.tokenInfo, round.token);
  printRound(round, amount);
  if (round.allocations.nodes.length > 0) {
    process.stdout.write(`\n${colors.bold('Allocations')}\n`);
    printTable(
      ['POOL', 'RECIPIENT', 'AMOUNT'],
      round.allocations.nodes.map((a) => [a.pool, a.recipient, amount(a.amount)]),
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
      ['amount', await new TokenBook(client).amount(recordRevenue.amount, recordRevenue.token)],
      ['period', `${when(recordRevenue.periodStart)} → ${when(recordRevenue.periodEnd)}`],
      ['reference', recordRevenue.reference],
      ['recorded by', recordRevenue.recordedBy],
    ]);
  }
  return ExitCode.OK;
}

export async function shareRevenue(
  globals: GlobalOptions,
  options: SigningOptions & {
    dao: string;
    record: string;
    target: 'HOLDERS' | 'CONTRIBUTORS_OF_MODEL';
    model?: string;
    lookback?: number;
    snapshotBlock?: bigint;
    exclude?: readonly Address[];
    minPayout?: bigint;
  },
): Promise<ExitCode> {
  const toContributors = options.target === 'CONTRIBUTORS_OF_MODEL';
  if (toContributors && (options.model === undefined || options.lookback === undefined))
    throw new UsageError('--target CONTRIBUTORS_OF_MODEL: needs --model and --lookback');
  if (toContributors && options.snapshotBlock !== undefined)
    throw new UsageError('--snapshot-block: only with --target HOLDERS');
  if (!toContributors && (options.model !== undefined || options.lookback !== undefined))
    throw new UsageError('--model and --lookback: only with --target CONTRIBUTORS_OF_MODEL');
  const { client, signer } = await signingSession(globals, options);
  const progress = new Progress(globals.json);
  progress.start(
    `Sharing revenue record ${options.record} between ${toContributors ? `the contributors of ${options.model}` : 'the token holders'}`,
  );
  const { createRevenueShare: share } = await client
    .request(
      CreateRevenueShareDocument,
      await signer.createRevenueShare({
        dao: options.dao,
        revenue: options.record,
        target: options.target,
        model: options.model,
        lookbackRounds: options.lookback,
        snapshotBlock: options.snapshotBlock,
        exclude: options.exclude,
        minPayout: options.minPayout,
      }),
    )
    .finally(() => progress.stop());
  if (globals.json) printJson(share);
  else {
    process.stdout.write(
      `${colors.green('✔')} Revenue ${share.revenueId} shared (share ${colors.bold(share.id)}, ${share.state})\n`,
    );
    const { dao } = await client.request(DaoDocument, { slug: options.dao });
    const amount = (value: string) => amountText(value, share.tokenInfo, share.tokenInfo.address);
    const weight = toContributors
      ? (value: string) => `${value} base units`
      : await new TokenBook(client).formatter(dao.governanceToken);
    printFields([
      toContributors
        ? [
            'target',
            `contributors of ${share.model ?? ''}, last ${share.lookbackRounds ?? 0} finalized rounds`,
          ]
        : ['snapshot block', share.snapshotBlock],
      ['eligible', weight(share.eligibleSupply)],
      ['carried in', amount(share.carriedIn)],
      ['allocated', `${amount(share.allocated)} (unallocated ${amount(share.unallocated)})`],
      ['carried over', `${amount(share.carriedOver)} (allocations below ${amount(share.minPayout)})`],
      ['excluded', share.excluded.map(shortAddress).join(', ')],
    ]);
    process.stdout.write(`\n${colors.bold('Allocations')}\n`);
    printTable(
      [toContributors ? 'CONTRIBUTOR' : 'HOLDER', toContributors ? 'WEIGHT' : 'BALANCE', 'AMOUNT', 'STATUS'],
      share.allocations.map((a) => [a.holder, weight(a.balance), amount(a.amount), a.status]),
    );
  }
  return ExitCode.OK;
}

async function printDao(dao: CreateDaoMutation['createDao'], tokens: TokenBook): Promise<void> {
  const votes = await tokens.formatter(dao.governanceToken);
  printFields([
    ['name', dao.name],
    ['chain', String(dao.chainId)],
    ['token', dao.governanceToken],
    ['safe', dao.safeAddress],
    ['admins', dao.admins.join(', ')],
    ['voting', `delay ${dao.votingDelay} s, period ${dao.votingPeriod} s`],
    ['threshold', votes(dao.proposalThreshold)],
    [
      'quorum',
      dao.quorumKind === 'ABSOLUTE'
        ? `${votes(dao.quorum)} (ABSOLUTE)`
        : `${Number(dao.quorum) / 100}% of the past total supply (${dao.quorumKind})`,
    ],
    ['supermajority', dao.supermajorityBps === 0 ? 'simple majority' : `${dao.supermajorityBps / 100}%`],
    ['vote types', dao.voteTypes.join(', ')],
    ['vote change', dao.allowVoteChange ? 'allowed' : 'not allowed'],
  ]);
}

/** `amount` formats base units of the round's token. */
function printRound(r: RoundFieldsFragment, amount: (value: string) => string): void {
  printFields([
    ['id', r.id],
    ['dao', r.dao],
    ['name', r.name],
    ['state', r.state],
    ['budget', `${amount(r.budget)}  ${colors.dim(r.token)}`],
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
          ['allocated', `${amount(r.allocated ?? '0')} (unallocated ${amount(r.unallocated ?? '0')})`],
        ] as const)),
  ]);
}
