import { Injectable, Logger } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  assertName,
  toPlainJson,
  pageRequest,
  type Address,
  type Page,
  type DaoSignedInput,
} from '@guildhall/core';
import { AttestationService } from '@guildhall/contributions';
import { JobQueue, PgNotifier } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import { DataSource, type EntityManager } from 'typeorm';
import { RoundRepository, type NewRound } from '../datasources/round.repository.js';
import {
  ATTESTATION_KINDS,
  allocateRound,
  isAttestationKind,
  type AllocationParams,
  type AttestationKind,
} from './allocation/index.js';
import { RewardsError, RewardsErrorCode, unknownToken } from './rewards.error.js';
import { RoundPhaseDue } from './round-lifecycle.jobs.js';
import { scoreRound, type ContributorDetails, type ReviewerDetails } from './round-scoring.js';
import {
  ROUND_STATE_TOPIC,
  SCORING_ENGINES,
  type KindPool,
  type Round,
  type RoundAllocation,
  type RoundState,
  type RoundStateEvent,
  type ScoringEngine,
  type VestingTranche,
} from './round.js';
import { vestingTranches, type VestingSchedule } from './vesting.js';
import { resolveYumaParams, type YumaParams } from './yuma/index.js';

/** Yuma parameters as signed: fractions as decimal text. */
export interface YumaConfigInput {
  readonly kappa: string;
  readonly bondsPenalty: string;
  readonly bondsMovingAverage: string;
  readonly yuma3: boolean;
  readonly liquidAlpha: boolean;
  readonly alphaLow: string;
  readonly alphaHigh: string;
  readonly alphaSteepness: string;
}

export interface CreateRoundInput extends DaoSignedInput {
  readonly name: string;
  readonly token: Address;
  readonly budget: bigint;
  /** Unix seconds. */
  readonly submissionsOpenAt: bigint;
  readonly submissionsCloseAt: bigint;
  readonly reviewDeadline: bigint;
  /** 0: the latest block at creation. */
  readonly snapshotBlock: bigint;
  readonly engine: string;
  readonly yuma: YumaConfigInput;
  readonly reviewerShareBps: number;
  readonly pools: ReadonlyArray<{ kind: string; shareBps: number; floorBps: number }>;
  /** 0: no cap. */
  readonly contributorCapBps: number;
  readonly minPayout: bigint;
  readonly vesting: { cliff: bigint; duration: bigint; interval: bigint };
  readonly minReviews: number;
  readonly acceptanceScore: number;
}

const DONE: ReadonlySet<RoundState> = new Set(['FINALIZED', 'PAYING', 'PAID', 'CANCELED']);
const YEAR = 365 * 24 * 3600;
/** 9999-12-31T23:59:59Z: later unix seconds are not a date. */
const MAX_UNIX_SECONDS = 253_402_300_799n;
const invalid = (message: string, field: string) =>
  new RewardsError(RewardsErrorCode.INVALID_ROUND, message, { field });

function fraction(text: string, field: string, range: [number, number] = [0, 1]): number {
  const value = Number(text);
  if (
    !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ||
    !Number.isFinite(value) ||
    value < range[0] ||
    value > range[1]
  )
    throw invalid(`${field}: a decimal number in [${range[0]}, ${range[1]}]`, field);
  return value;
}

function seconds(value: bigint, field: string): number {
  if (value < 0n || value > BigInt(10 * YEAR)) throw invalid(`${field}: 0 to 10 years, in seconds`, field);
  return Number(value);
}

/** The signed YumaConfig as engine parameters. */
export function yumaParamsOf(config: YumaConfigInput): YumaParams {
  if (fraction(config.alphaLow, 'yuma.alphaLow') > fraction(config.alphaHigh, 'yuma.alphaHigh'))
    throw invalid('yuma.alphaLow: at most yuma.alphaHigh', 'yuma.alphaLow');
  if (!Number.isInteger(Number(config.alphaSteepness)))
    throw invalid(
      'yuma.alphaSteepness: a whole number, as subtensor’s AlphaSigmoidSteepness',
      'yuma.alphaSteepness',
    );
  return resolveYumaParams({
    kappa: fraction(config.kappa, 'yuma.kappa'),
    bondsPenalty: fraction(config.bondsPenalty, 'yuma.bondsPenalty'),
    bondsMovingAverage: fraction(config.bondsMovingAverage, 'yuma.bondsMovingAverage'),
    yuma3: config.yuma3,
    liquidAlpha: {
      enabled: config.liquidAlpha,
      low: fraction(config.alphaLow, 'yuma.alphaLow'),
      high: fraction(config.alphaHigh, 'yuma.alphaHigh'),
      steepness: fraction(config.alphaSteepness, 'yuma.alphaSteepness', [-32_768, 32_767]),
    },
  });
}

const allocationParams = (
  round: Pick<Round, 'budget' | 'reviewerShareBps' | 'pools' | 'contributorCapBps' | 'minPayout'>,
): AllocationParams => ({
  budget: round.budget,
  reviewerShareBps: round.reviewerShareBps,
  kindPools: Object.fromEntries(
    round.pools.map((pool) => [pool.kind, { shareBps: pool.shareBps, floorBps: pool.floorBps }]),
  ),
  ...(round.contributorCapBps === null ? {} : { contributorCapBps: round.contributorCapBps }),
  minPayout: round.minPayout,
});

/**
 * Reward rounds: created by an admin, moved through their phases by the worker, finalized at the
 * review deadline (or by an admin after it) into frozen allocations and vesting tranches.
 */
@Injectable()
export class RoundService {
  private readonly logger = new Logger(RoundService.name);

  constructor(
    private readonly rounds: RoundRepository,
    private readonly attestations: AttestationService,
    private readonly daos: DaoService,
    private readonly chain: ChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly notifier: PgNotifier,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async byId(id: string): Promise<Round> {
    const round = await this.rounds.findById(id);
    if (round === null)
      throw new RewardsError(RewardsErrorCode.ROUND_NOT_FOUND, `No round ${id}`, { round: id });
    return round;
  }

  async list(
    daoSlug: string,
    state: RoundState | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<Round>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.rounds.list(dao, state, pageRequest(page, this.config.graphql.maxPageSize));
  }

  allocations(
    roundId: string,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<RoundAllocation>> {
    return this.rounds.allocations(roundId, pageRequest(page, this.config.graphql.maxPageSize));
  }

  async allocationsOf(daoSlug: string, recipient: Address): Promise<RoundAllocation[]> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.rounds.allocationsOf(dao.id, recipient);
  }

  tranches(roundId: string): Promise<VestingTranche[]> {
    return this.rounds.tranches(roundId);
  }

  result(roundId: string): Promise<unknown> {
    return this.rounds.result(roundId);
  }

  /** `createRound`, by an admin. Every rule is checked before anything is written. */
  async create(input: CreateRoundInput): Promise<Round> {
    const rules = this.validate(input);
    const dao = await this.daos.bySlug(input.dao);
    const { roundId } = await this.signedWrites.run(
      'CreateRound',
      {
        from: input.from,
        dao: dao.slug,
        name: input.name,
        token: input.token,
        budget: input.budget,
        submissionsOpenAt: input.submissionsOpenAt,
        submissionsCloseAt: input.submissionsCloseAt,
        reviewDeadline: input.reviewDeadline,
        snapshotBlock: input.snapshotBlock,
        engine: input.engine,
        yuma: { ...input.yuma },
        reviewerShareBps: input.reviewerShareBps,
        pools: input.pools.map(({ kind, shareBps, floorBps }) => ({ kind, shareBps, floorBps })),
        contributorCapBps: input.contributorCapBps,
        minPayout: input.minPayout,
        vesting: { ...input.vesting },
        minReviews: input.minReviews,
        acceptanceScore: input.acceptanceScore,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.chain.assertErc20(input.token).catch(unknownToken(input.token));
        const latest = await this.chain.latestBlock();
        if (input.snapshotBlock > latest)
          throw invalid(
            `snapshotBlock: at most the latest block (${latest}); 0 for the latest`,
            'snapshotBlock',
          );
        const now = Date.now();
        const round: NewRound = {
          ...rules,
          daoId: dao.id,
          name: input.name,
          token: input.token,
          budget: input.budget,
          snapshotBlock: input.snapshotBlock === 0n ? latest : input.snapshotBlock,
          minPayout: input.minPayout,
          createdBy: signer,
          state: now >= rules.submissionsOpenAt.getTime() ? 'OPEN' : 'DRAFT',
        };
        const id = await this.rounds.insert(manager, round);
        for (const at of [rules.submissionsOpenAt, rules.submissionsCloseAt, rules.reviewDeadline].filter(
          (time) => time.getTime() > now,
        ))
          await this.jobs.sendWithin(
            manager,
            RoundPhaseDue,
            { roundId: id, dueAt: at.toISOString() },
            { startAfter: at, singletonKey: `${id}:${at.getTime()}` },
          );
        return { daoId: dao.id, result: { roundId: id } };
      },
    );
    return this.byId(String(roundId));
  }

  private validate(input: CreateRoundInput) {
    if (input.name.trim().length === 0 || input.name.length > 200)
      throw invalid('name: 1 to 200 characters', 'name');
    assertName(input.name, 'name');
    if (!(SCORING_ENGINES as readonly string[]).includes(input.engine))
      throw invalid(`engine: one of ${SCORING_ENGINES.join(', ')}`, 'engine');
    const kinds = input.pools.map((pool) => pool.kind);
    const unknown = kinds.find((kind) => !isAttestationKind(kind));
    if (unknown !== undefined)
      throw invalid(`pools: ${unknown} is not one of ${ATTESTATION_KINDS.join(', ')}`, 'pools');
    if (new Set(kinds).size !== kinds.length) throw invalid('pools: each kind at most once', 'pools');
    const pools: KindPool[] = input.pools.map((pool) => ({ ...pool, kind: pool.kind as AttestationKind }));
    const vesting: VestingSchedule = {
      cliff: seconds(input.vesting.cliff, 'vesting.cliff'),
      duration: seconds(input.vesting.duration, 'vesting.duration'),
      interval: seconds(input.vesting.interval, 'vesting.interval'),
    };
    if (vesting.duration > 0 && (vesting.interval === 0 || vesting.interval > vesting.duration))
      throw invalid(
        'vesting.interval: 1 second to the duration, when there is a duration',
        'vesting.interval',
      );
    if (!Number.isInteger(input.minReviews) || input.minReviews < 1 || input.minReviews > 1000)
      throw invalid('minReviews: 1 to 1,000', 'minReviews');
    if (!Number.isInteger(input.acceptanceScore) || input.acceptanceScore < 0 || input.acceptanceScore > 100)
      throw invalid('acceptanceScore: 0 to 100', 'acceptanceScore');
    const contributorCapBps = input.contributorCapBps === 0 ? null : input.contributorCapBps;
    // The allocation checks budget, bps, pools, floors and cap against minimum payout: an empty
    // round's allocation fails exactly when the round's rules are unusable.
    allocateRound({
      params: allocationParams({ ...input, pools, contributorCapBps }),
      contributors: {},
      reviewers: [],
    });
    if (
      [input.submissionsOpenAt, input.submissionsCloseAt, input.reviewDeadline].some(
        (time) => time > MAX_UNIX_SECONDS,
      )
    )
      throw invalid('phases: unix seconds, at most year 9999', 'reviewDeadline');
    const [openAt, closeAt, deadline] = [
      input.submissionsOpenAt,
      input.submissionsCloseAt,
      input.reviewDeadline,
    ].map((time) => new Date(Number(time) * 1000));
    if (!(openAt < closeAt && closeAt < deadline))
      throw new RewardsError(
        RewardsErrorCode.PHASES_OUT_OF_ORDER,
        'submissionsOpenAt < submissionsCloseAt < reviewDeadline, please',
        { field: 'submissionsCloseAt' },
      );
    if (closeAt.getTime() <= Date.now())
      throw new RewardsError(RewardsErrorCode.PHASE_IN_THE_PAST, 'submissionsCloseAt: in the future', {
        field: 'submissionsCloseAt',
      });
    return {
      engine: input.engine as ScoringEngine,
      yuma: yumaParamsOf(input.yuma),
      reviewerShareBps: input.reviewerShareBps,
      pools,
      contributorCapBps,
      vesting,
      minReviews: input.minReviews,
      acceptanceScore: input.acceptanceScore,
      submissionsOpenAt: openAt,
      submissionsCloseAt: closeAt,
      reviewDeadline: deadline,
    };
  }

  /** `finalizeRound`, by an admin, after the review deadline. Finalizing again returns the same round. */
  async finalizeBySignature(input: DaoSignedInput & { round: string }): Promise<Round> {
    const dao = await this.daos.bySlug(input.dao);
    const moved = await this.signedWrites.run(
      'FinalizeRound',
      {
        from: input.from,
        dao: dao.slug,
        round: input.round,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const round = await this.lockedRound(manager, dao, input.round);
        if (round.state === 'CANCELED')
          throw new RewardsError(RewardsErrorCode.ROUND_CANCELED, `Round ${round.id} was canceled`, {
            round: round.id,
          });
        if (DONE.has(round.state))
          return { daoId: dao.id, result: { roundId: round.id, finalizedNow: false } };
        if (Date.now() < round.reviewDeadline.getTime())
          throw new RewardsError(
            RewardsErrorCode.ROUND_NOT_DUE,
            `Round ${round.id} can be finalized after its review deadline, ${round.reviewDeadline.toISOString()}`,
            { round: round.id, reviewDeadline: round.reviewDeadline.toISOString() },
          );
        await this.finalize(manager, round);
        return { daoId: dao.id, result: { roundId: round.id, finalizedNow: true } };
      },
    );
    if (moved.finalizedNow === true) await this.publish(input.round, dao.slug, 'FINALIZED');
    return this.byId(input.round);
  }

  /**
   * `cancelRound`, by an admin, before it is finalized: nothing is allocated, and its undecided
   * attestations are withdrawn so their evidence can go to another round. Canceling again is a no-op.
   */
  async cancel(input: DaoSignedInput & { round: string; reason: string }): Promise<Round> {
    if (input.reason.trim().length === 0 || input.reason.length > 5_000)
      throw invalid('reason: 1 to 5,000 characters', 'reason');
    const dao = await this.daos.bySlug(input.dao);
    const { canceledNow } = await this.signedWrites.run(
      'CancelRound',
      {
        from: input.from,
        dao: dao.slug,
        round: input.round,
        reason: input.reason,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const round = await this.lockedRound(manager, dao, input.round);
        if (round.state === 'CANCELED')
          return { daoId: dao.id, result: { roundId: round.id, canceledNow: false } };
        if (DONE.has(round.state))
          throw new RewardsError(
            RewardsErrorCode.ROUND_NOT_CANCELABLE,
            `Round ${round.id} is ${round.state}: its allocations are frozen`,
            { round: round.id, state: round.state },
          );
        await this.attestations.withdrawRoundAttestations(manager, round.id);
        await this.rounds.update(manager, round.id, { state: 'CANCELED' });
        return { daoId: dao.id, result: { roundId: round.id, canceledNow: true } };
      },
    );
    if (canceledNow === true) await this.publish(input.round, dao.slug, 'CANCELED');
    return this.byId(input.round);
  }

  /** The DAO's round, locked (FOR UPDATE) until the caller's transaction ends. */
  private async lockedRound(
    manager: EntityManager,
    dao: { id: string; slug: string },
    id: string,
  ): Promise<Round> {
    const round = await this.rounds.findById(id, manager, true);
    if (round === null || round.daoId !== dao.id)
      throw new RewardsError(RewardsErrorCode.ROUND_NOT_FOUND, `No round ${id} in DAO "${dao.slug}"`, {
        round: id,
      });
    return round;
  }

  /**
   * Moves a round to the state its phases call for, through every phase that has passed (a worker
   * that was down catches up). Idempotent and safe with several workers: the row is locked.
   */
  async advance(roundId: string): Promise<void> {
    const moves = await this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.findById(roundId, manager, true);
      if (round === null) return [];
      const now = Date.now();
      const states: RoundState[] = [];
      let state = round.state;
      if (state === 'DRAFT' && now >= round.submissionsOpenAt.getTime()) states.push((state = 'OPEN'));
      if (state === 'OPEN' && now >= round.submissionsCloseAt.getTime()) {
        await this.attestations.openRoundReviews(manager, round.id);
        states.push((state = 'REVIEWING'));
      }
      if (state === 'REVIEWING' && now >= round.reviewDeadline.getTime()) {
        await this.finalize(manager, { ...round, state });
        return [...states, 'FINALIZED' as const].map((moved) => ({ state: moved, daoSlug: round.daoSlug }));
      }
      if (states.length > 0) await this.rounds.update(manager, round.id, { state });
      return states.map((moved) => ({ state: moved, daoSlug: round.daoSlug }));
    });
    for (const { state, daoSlug } of moves) await this.publish(roundId, daoSlug, state);
  }

  /**
   * Closes the reviews, scores the accepted work pool by pool, allocates the budget, splits every
   * allocation into vesting tranches from the review deadline, keeps the Yuma bonds, and freezes
   * the result. Deterministic: it reads only the round, its reviews and the DAO's earlier bonds.
   */
  private async finalize(manager: EntityManager, round: Round): Promise<void> {
    await this.attestations.openRoundReviews(manager, round.id);
    await this.attestations.closeRoundReviews(manager, round.id);
    const accepted = await this.attestations.acceptedInRound(manager, round.id);
    const bondsPrev = await this.rounds.bonds(manager, round.daoId);
    const scoring = scoreRound({
      engine: round.engine,
      params: round.yuma,
      poolShares: Object.fromEntries(round.pools.map((pool) => [pool.kind, pool.shareBps])),
      attestations: accepted.map(({ attestation, reviews }) => ({
        id: attestation.id,
        kind: attestation.kind,
        credits: attestation.credits.map(({ contributor, bps }) => ({ contributor, bps })),
        reviews: reviews.map(({ reviewer, score, stake }) => ({ reviewer, score, stake })),
      })),
      bondsPrev: (kind, reviewer, contributor) => bondsPrev.get(`${kind}/${reviewer}/${contributor}`) ?? 0,
    });
    const allocation = allocateRound<ContributorDetails | ReviewerDetails>({
      params: allocationParams(round),
      contributors: scoring.contributors,
      reviewers: scoring.reviewers,
    });
    const allocations: RoundAllocation[] = allocation.allocations.map((entry) => ({
      roundId: round.id,
      pool: entry.pool,
      recipient: entry.recipient as Address,
      amount: entry.amount,
      explanation: toPlainJson(entry.explanation),
    }));
    await this.rounds.insertAllocations(manager, allocations);
    await this.rounds.insertTranches(
      manager,
      allocations.flatMap((entry) =>
        vestingTranches(entry.amount, round.vesting, round.reviewDeadline).map((tranche) => ({
          roundId: round.id,
          pool: entry.pool,
          recipient: entry.recipient,
          ...tranche,
        })),
      ),
    );
    if (round.engine === 'YUMA')
      await this.rounds.saveBonds(
        manager,
        round.daoId,
        scoring.pools.flatMap((pool) => pool.bonds.map((bond) => ({ pool: pool.kind, ...bond }))),
      );
    const dao = await this.daos.bySlug(round.daoSlug, manager);
    const balance = await this.chain.balanceOf(round.token, dao.safeAddress);
    if (balance < round.budget)
      this.logger.warn(
        { round: round.id, balance: balance.toString(), budget: round.budget.toString() },
        'round finalized with a budget above the Safe balance',
      );
    await this.rounds.update(manager, round.id, {
      state: 'FINALIZED',
      finalizedAt: new Date(),
      allocated: allocation.allocated,
      unallocated: allocation.unallocated,
      underfunded: balance < round.budget,
      result: toPlainJson({
        reviewerPool: allocation.reviewerPool,
        contributorPool: allocation.contributorPool,
        cap: allocation.cap,
        pools: allocation.pools,
        epochs: scoring.pools.map(({ kind, reviewers, contributors, yumaInput }) => ({
          kind,
          participants: [...reviewers, ...contributors],
          yumaInput,
        })),
      }) as object,
    });
  }

  /** `roundExport`: everything needed to recompute the round offline (`guildhall score`). */
  async export(id: string): Promise<unknown> {
    const round = await this.byId(id);
    return toPlainJson({
      round: {
        id: round.id,
        dao: round.daoSlug,
        name: round.name,
        state: round.state,
        token: round.token,
        budget: round.budget,
        engine: round.engine,
        yuma: round.yuma,
        reviewerShareBps: round.reviewerShareBps,
        pools: round.pools,
        contributorCapBps: round.contributorCapBps,
        minPayout: round.minPayout,
        vesting: round.vesting,
        snapshotBlock: round.snapshotBlock,
        reviewDeadline: round.reviewDeadline.toISOString(),
      },
      result: await this.rounds.result(id),
      allocations: await this.rounds.allAllocations(id),
      allocated: round.allocated,
      unallocated: round.unallocated,
    });
  }

  /**
   * The treasury's part of a round's life, in the caller's transaction: PAYING once its first payout
   * is proposed, PAID when every tranche is. Moves only from one of `from`; returns what to announce
   * after the transaction commits.
   */
  async movePayment(
    manager: EntityManager,
    roundId: string,
    from: readonly RoundState[],
    to: 'PAYING' | 'PAID',
  ): Promise<RoundStateEvent | null> {
    const round = await this.rounds.findById(roundId, manager, true);
    if (round === null || !from.includes(round.state)) return null;
    await this.rounds.update(manager, round.id, { state: to });
    return { roundId, daoSlug: round.daoSlug, state: to };
  }

  announce(event: RoundStateEvent): Promise<void> {
    return this.publish(event.roundId, event.daoSlug, event.state);
  }

  private publish(roundId: string, daoSlug: string, state: RoundState): Promise<void> {
    return this.notifier.publish(ROUND_STATE_TOPIC, { roundId, daoSlug, state } satisfies RoundStateEvent);
  }

  stateChanges(): AsyncIterableIterator<RoundStateEvent> {
    return this.notifier.subscribe<RoundStateEvent>(ROUND_STATE_TOPIC);
  }
}
