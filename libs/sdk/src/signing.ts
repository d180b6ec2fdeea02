import {
  guildhallTypedData,
  safeTxTypedData,
  type GuildhallPrimaryType,
  type GuildhallTypedData,
  type SafeTransactionToSign,
} from '@guildhall/core';
import { hashTypedData, type Address, type Hex, type LocalAccount } from 'viem';
import { SafeTxHashMismatchError } from './errors.js';

import type {
  AcceptBountyWorkInput,
  AttestationActionInput,
  CancelBountyInput,
  ClaimBountyInput,
  CreateBountyInput,
  RejectBountyWorkInput,
  ReviewBountyWorkInput,
  SubmitBountyWorkInput,
  AttestationKind,
  CancelProposalInput,
  CancelRoundInput,
  CastVoteInput,
  CreateCreditTypeInput,
  CreateDaoInput,
  CreateProposalInput,
  CreateRevenueShareInput,
  CreateRoundInput,
  DisputeResolution,
  FinalizeRoundInput,
  GrantCreditsInput,
  CreateCreditSpendingKeyInput,
  RevokeCreditSpendingKeyInput,
  DisputeTargetKind,
  OpenDisputeInput,
  ProposeSafeRejectionInput,
  RecordRevenueInput,
  RecordTokenPriceInput,
  ResolveDisputeInput,
  RevenueShareTarget,
  SetDaoAdminsInput,
  SetReviewPolicyInput,
  SetReviewersInput,
  SubmitAttestationInput,
  SubmitReviewInput,
  UpdateDaoSettingsInput,
  UpsertContributorProfileInput,
  VoteType,
  VotingConfigInput,
} from './generated/graphql.js';

// Safe's EIP-712 definitions live in @guildhall/core (the API hashes with the same ones).
export {
  safeTxHashes,
  safeTxTypedData,
  type SafeTransactionToSign,
  type SafeTxHashes,
} from '@guildhall/core';

/** Anything that signs EIP-712 typed data for one address: a viem local account, or a wrapper around a wallet. */
export interface TypedDataSigner {
  readonly address: Address;
  readonly signTypedData: LocalAccount['signTypedData'];
}

/** A DAO's voting rules, in plain values (Snapshot vote type names, bigint amounts). */
export interface VotingRules {
  readonly votingDelay: number;
  readonly votingPeriod: number;
  readonly proposalThreshold: bigint;
  readonly quorumKind: 'ABSOLUTE' | 'SUPPLY_BPS';
  readonly quorum: bigint;
  readonly supermajorityBps: number;
  readonly voteTypes: ReadonlyArray<
    'basic' | 'single-choice' | 'approval' | 'weighted' | 'quadratic' | 'ranked-choice'
  >;
  readonly allowVoteChange: boolean;
}

const graphqlVoteType = (name: VotingRules['voteTypes'][number]): VoteType =>
  name.toUpperCase().replace('-', '_') as VoteType;

const rulesMessage = (rules: VotingRules) => ({
  ...rules,
  votingDelay: BigInt(rules.votingDelay),
  votingPeriod: BigInt(rules.votingPeriod),
  voteTypes: [...rules.voteTypes],
});

const rulesInput = (rules: VotingRules): VotingConfigInput => ({
  votingDelay: rules.votingDelay,
  votingPeriod: rules.votingPeriod,
  proposalThreshold: rules.proposalThreshold.toString(),
  quorumKind: rules.quorumKind,
  quorum: rules.quorum.toString(),
  supermajorityBps: rules.supermajorityBps,
  voteTypes: rules.voteTypes.map(graphqlVoteType),
  allowVoteChange: rules.allowVoteChange,
});

/** A round's Yuma parameters as fractions (subtensor's defaults below). */
export interface RoundYumaParams {
  readonly kappa: number;
  readonly bondsPenalty: number;
  readonly bondsMovingAverage: number;
  readonly yuma3: boolean;
  readonly liquidAlpha: boolean;
  readonly alphaLow: number;
  readonly alphaHigh: number;
  readonly alphaSteepness: number;
}

const DEFAULT_ROUND_YUMA: RoundYumaParams = {
  kappa: 0.5,
  bondsPenalty: 1,
  bondsMovingAverage: 0.9,
  yuma3: false,
  liquidAlpha: false,
  alphaLow: 0.7,
  alphaHigh: 0.9,
  alphaSteepness: 1000,
};

export interface Signed<I> {
  readonly input: I;
  readonly signature: Hex;
}

/**
 * Builds each write's EIP-712 typed data from plain inputs, exactly as the server rebuilds it,
 * signs it, and returns the GraphQL variables `{ input, signature }` of the matching mutation.
 */
export class GuildhallSigner {
  constructor(
    private readonly signer: TypedDataSigner,
    private readonly chainId: number,
    /** Unix seconds; injectable for tests of the freshness window. */
    private readonly now: () => bigint = () => BigInt(Math.floor(Date.now() / 1000)),
  ) {}

  get address(): Address {
    return this.signer.address;
  }

  async createDao(params: {
    dao: string;
    name: string;
    governanceToken: Address;
    safe: Address;
    rules: VotingRules;
  }): Promise<Signed<CreateDaoInput>> {
    const timestamp = this.now();
    const { rules, ...rest } = params;
    const signature = await this.sign('CreateDao', {
      from: this.address,
      ...rest,
      config: rulesMessage(rules),
      timestamp,
    });
    return {
      input: { from: this.address, ...rest, config: rulesInput(rules), timestamp: timestamp.toString() },
      signature,
    };
  }

  async updateDaoSettings(params: {
    dao: string;
    name: string;
    rules: VotingRules;
  }): Promise<Signed<UpdateDaoSettingsInput>> {
    const timestamp = this.now();
    const { rules, ...rest } = params;
    const signature = await this.sign('UpdateDaoSettings', {
      from: this.address,
      ...rest,
      config: rulesMessage(rules),
      timestamp,
    });
    return {
      input: { from: this.address, ...rest, config: rulesInput(rules), timestamp: timestamp.toString() },
      signature,
    };
  }

  async setDaoAdmins(params: {
    dao: string;
    admins: readonly Address[];
  }): Promise<Signed<SetDaoAdminsInput>> {
    const timestamp = this.now();
    const signature = await this.sign('SetDaoAdmins', {
      from: this.address,
      dao: params.dao,
      admins: [...params.admins],
      timestamp,
    });
    return {
      input: {
        from: this.address,
        dao: params.dao,
        admins: [...params.admins],
        timestamp: timestamp.toString(),
      },
      signature,
    };
  }

  async createProposal(params: {
    dao: string;
    title: string;
    body?: string;
    discussion?: string;
    voteType: VotingRules['voteTypes'][number];
    choices: readonly string[];
    actions?: ReadonlyArray<{ to: Address; value: bigint; data: Hex; operation: 0 | 1 }>;
  }): Promise<Signed<CreateProposalInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      title: params.title,
      body: params.body ?? '',
      discussion: params.discussion ?? '',
      choices: [...params.choices],
    };
    const actions = [...(params.actions ?? [])];
    const signature = await this.sign('CreateProposal', {
      from: this.address,
      ...fields,
      voteType: params.voteType,
      actions,
      timestamp,
    });
    return {
      input: {
        from: this.address,
        ...fields,
        voteType: graphqlVoteType(params.voteType),
        actions: actions.map((action) => ({ ...action, value: action.value.toString() })),
        timestamp: timestamp.toString(),
      },
      signature,
    };
  }

  async cancelProposal(params: { dao: string; proposal: string }): Promise<Signed<CancelProposalInput>> {
    const timestamp = this.now();
    const signature = await this.sign('CancelProposal', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /**
   * A vote: `choice` in Snapshot's format for the proposal's type (2, [1, 3], or { 1: 2, 3: 1 }); it
   * is signed as its JSON text, which travels unchanged.
   */
  async castVote(params: {
    dao: string;
    proposal: string;
    choice: unknown;
    reason?: string;
  }): Promise<Signed<CastVoteInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      proposal: params.proposal,
      choice: JSON.stringify(params.choice),
      reason: params.reason ?? '',
    };
    const signature = await this.sign('Vote', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  async upsertContributorProfile(params: {
    dao: string;
    handle: string;
    kinds?: readonly AttestationKind[];
    links?: readonly string[];
  }): Promise<Signed<UpsertContributorProfileInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      handle: params.handle,
      kinds: [...(params.kinds ?? [])],
      links: [...(params.links ?? [])],
    };
    const signature = await this.sign('UpsertContributorProfile', {
      from: this.address,
      ...fields,
      timestamp,
    });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  /**
   * An attestation of work. `model.base` (name@version) is required for FINE_TUNING; `splits`
   * lists every contributor including the signer (empty: the signer alone); metric values are
   * signed as decimal text.
   */
  async submitAttestation(params: {
    dao: string;
    round?: string;
    kind: AttestationKind;
    model: { name: string; version: string; base?: string };
    title: string;
    summary?: string;
    evidence: ReadonlyArray<{ uri: string; sha256: Hex }>;
    metrics?: Readonly<Record<string, number | string>>;
    splits?: ReadonlyArray<{ contributor: Address; bps: number }>;
    references?: readonly string[];
  }): Promise<Signed<SubmitAttestationInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      round: params.round ?? '',
      kind: params.kind,
      model: { name: params.model.name, version: params.model.version, base: params.model.base ?? '' },
      title: params.title,
      summary: params.summary ?? '',
      evidence: params.evidence.map(({ uri, sha256 }) => ({ uri, sha256 })),
      metrics: Object.entries(params.metrics ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      splits: (params.splits ?? []).map(({ contributor, bps }) => ({ contributor, bps })),
      references: [...(params.references ?? [])],
    };
    const signature = await this.sign('SubmitAttestation', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  async cosignAttestation(params: {
    dao: string;
    attestation: string;
  }): Promise<Signed<AttestationActionInput>> {
    const timestamp = this.now();
    const signature = await this.sign('CosignAttestation', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async withdrawAttestation(params: {
    dao: string;
    attestation: string;
  }): Promise<Signed<AttestationActionInput>> {
    const timestamp = this.now();
    const signature = await this.sign('WithdrawAttestation', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async setReviewers(params: {
    dao: string;
    reviewers: readonly Address[];
  }): Promise<Signed<SetReviewersInput>> {
    const timestamp = this.now();
    const fields = { dao: params.dao, reviewers: [...params.reviewers] };
    const signature = await this.sign('SetReviewers', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  /** Windows in seconds; `acceptanceScore` 0–100. */
  async setReviewPolicy(params: {
    dao: string;
    cosignWindow: number;
    reviewPeriod: number;
    minReviews: number;
    acceptanceScore: number;
  }): Promise<Signed<SetReviewPolicyInput>> {
    const timestamp = this.now();
    const signature = await this.sign('SetReviewPolicy', {
      from: this.address,
      ...params,
      cosignWindow: BigInt(params.cosignWindow),
      reviewPeriod: BigInt(params.reviewPeriod),
      timestamp,
    });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async submitReview(params: {
    dao: string;
    attestation: string;
    score: number;
    comment?: string;
  }): Promise<Signed<SubmitReviewInput>> {
    const timestamp = this.now();
    const fields = { ...params, comment: params.comment ?? '' };
    const signature = await this.sign('SubmitReview', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  async openDispute(params: {
    dao: string;
    targetKind: DisputeTargetKind;
    target: string;
    reason: string;
    evidence?: readonly string[];
  }): Promise<Signed<OpenDisputeInput>> {
    const timestamp = this.now();
    const fields = { ...params, evidence: [...(params.evidence ?? [])] };
    const signature = await this.sign('OpenDispute', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  async resolveDispute(params: {
    dao: string;
    dispute: string;
    resolution: DisputeResolution;
    reason: string;
  }): Promise<Signed<ResolveDisputeInput>> {
    const timestamp = this.now();
    const signature = await this.sign('ResolveDispute', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /**
   * A reward round. Times are unix seconds (or Dates); Yuma parameters are fractions (signed as
   * decimal text) and default to subtensor's; `contributorCapBps` 0 means no cap; `snapshotBlock`
   * 0n means the latest block; vesting defaults to immediate payment.
   */
  async createRound(params: {
    dao: string;
    name: string;
    token: Address;
    budget: bigint;
    submissionsOpenAt: Date;
    submissionsCloseAt: Date;
    reviewDeadline: Date;
    snapshotBlock?: bigint;
    engine?: 'YUMA' | 'MEAN' | 'MEDIAN';
    yuma?: Partial<RoundYumaParams>;
    reviewerShareBps?: number;
    pools: ReadonlyArray<{ kind: AttestationKind; shareBps: number; floorBps?: number }>;
    contributorCapBps?: number;
    minPayout?: bigint;
    vesting?: { cliff: number; duration: number; interval: number };
    minReviews?: number;
    acceptanceScore?: number;
  }): Promise<Signed<CreateRoundInput>> {
    const timestamp = this.now();
    const seconds = (date: Date) => BigInt(Math.floor(date.getTime() / 1000));
    const yuma = { ...DEFAULT_ROUND_YUMA, ...params.yuma };
    const vesting = params.vesting ?? { cliff: 0, duration: 0, interval: 0 };
    const fields = {
      dao: params.dao,
      name: params.name,
      token: params.token,
      budget: params.budget,
      submissionsOpenAt: seconds(params.submissionsOpenAt),
      submissionsCloseAt: seconds(params.submissionsCloseAt),
      reviewDeadline: seconds(params.reviewDeadline),
      snapshotBlock: params.snapshotBlock ?? 0n,
      engine: params.engine ?? 'YUMA',
      yuma: {
        kappa: String(yuma.kappa),
        bondsPenalty: String(yuma.bondsPenalty),
        bondsMovingAverage: String(yuma.bondsMovingAverage),
        yuma3: yuma.yuma3,
        liquidAlpha: yuma.liquidAlpha,
        alphaLow: String(yuma.alphaLow),
        alphaHigh: String(yuma.alphaHigh),
        alphaSteepness: String(yuma.alphaSteepness),
      },
      reviewerShareBps: params.reviewerShareBps ?? 1_000,
      pools: params.pools.map(({ kind, shareBps, floorBps }) => ({
        kind,
        shareBps,
        floorBps: floorBps ?? 0,
      })),
      contributorCapBps: params.contributorCapBps ?? 0,
      minPayout: params.minPayout ?? 0n,
      vesting: {
        cliff: BigInt(vesting.cliff),
        duration: BigInt(vesting.duration),
        interval: BigInt(vesting.interval),
      },
      minReviews: params.minReviews ?? 1,
      acceptanceScore: params.acceptanceScore ?? 50,
    };
    const signature = await this.sign('CreateRound', { from: this.address, ...fields, timestamp });
    const decimal = (value: bigint) => value.toString();
    return {
      input: {
        from: this.address,
        ...fields,
        budget: decimal(fields.budget),
        submissionsOpenAt: decimal(fields.submissionsOpenAt),
        submissionsCloseAt: decimal(fields.submissionsCloseAt),
        reviewDeadline: decimal(fields.reviewDeadline),
        snapshotBlock: decimal(fields.snapshotBlock),
        minPayout: decimal(fields.minPayout),
        vesting: {
          cliff: decimal(fields.vesting.cliff),
          duration: decimal(fields.vesting.duration),
          interval: decimal(fields.vesting.interval),
        },
        timestamp: decimal(timestamp),
      },
      signature,
    };
  }

  async finalizeRound(params: { dao: string; round: string }): Promise<Signed<FinalizeRoundInput>> {
    const timestamp = this.now();
    const signature = await this.sign('FinalizeRound', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async cancelRound(params: {
    dao: string;
    round: string;
    reason: string;
  }): Promise<Signed<CancelRoundInput>> {
    const timestamp = this.now();
    const signature = await this.sign('CancelRound', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /** Revenue to share: an amount of a token over a period, with a reference to its evidence. */
  async recordRevenue(params: {
    dao: string;
    token: Address;
    amount: bigint;
    periodStart: Date;
    periodEnd: Date;
    reference: string;
  }): Promise<Signed<RecordRevenueInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      token: params.token,
      amount: params.amount,
      periodStart: BigInt(Math.floor(params.periodStart.getTime() / 1000)),
      periodEnd: BigInt(Math.floor(params.periodEnd.getTime() / 1000)),
      reference: params.reference,
    };
    const signature = await this.sign('RecordRevenue', { from: this.address, ...fields, timestamp });
    return {
      input: {
        from: this.address,
        ...fields,
        amount: fields.amount.toString(),
        periodStart: fields.periodStart.toString(),
        periodEnd: fields.periodEnd.toString(),
        timestamp: timestamp.toString(),
      },
      signature,
    };
  }

  /**
   * Shares a revenue record (with what earlier shares of the DAO and token carried over): to holders
   * pro rata to their balances at `snapshotBlock` (0n: the latest block; the default target), or to
   * the contributors of `model` by what they were allocated in the DAO's last `lookbackRounds`
   * finalized rounds. Allocations below `minPayout` (base units, default 0n) are carried over.
   */
  async createRevenueShare(params: {
    dao: string;
    revenue: string;
    target?: RevenueShareTarget;
    model?: string;
    lookbackRounds?: number;
    snapshotBlock?: bigint;
    exclude?: readonly Address[];
    minPayout?: bigint;
  }): Promise<Signed<CreateRevenueShareInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      revenue: params.revenue,
      target: params.target ?? 'HOLDERS',
      model: params.model ?? '',
      lookbackRounds: params.lookbackRounds ?? 0,
      snapshotBlock: params.snapshotBlock ?? 0n,
      exclude: [...(params.exclude ?? [])],
      minPayout: params.minPayout ?? 0n,
    };
    const signature = await this.sign('CreateRevenueShare', { from: this.address, ...fields, timestamp });
    return {
      input: {
        from: this.address,
        ...fields,
        snapshotBlock: fields.snapshotBlock.toString(),
        minPayout: fields.minPayout.toString(),
        timestamp: timestamp.toString(),
      },
      signature,
    };
  }

  /**
   * A rejection of an open Safe transaction of the DAO (`proposeSafeRejection`), by an owner of the
   * DAO's Safe or a DAO admin: the no-op at its nonce, which owners then confirm like any other.
   */
  /**
   * A bounty, by an admin: its reward (`amount`, base units of `token`) is reserved on the Safe.
   * `kind` ('' for any) is the attestation kind a submission must have; `claimTtl` is in seconds;
   * `reviewers` empty means the DAO's.
   */
  async createBounty(params: {
    dao: string;
    title: string;
    description?: string;
    token: Address;
    amount: bigint;
    kind?: string;
    deadline: Date;
    maxClaimants?: number;
    claimTtl: number;
    teamAllowed?: boolean;
    minReviews?: number;
    acceptanceScore?: number;
    reviewers?: readonly Address[];
  }): Promise<Signed<CreateBountyInput>> {
    const timestamp = this.now();
    const fields = {
      dao: params.dao,
      title: params.title,
      description: params.description ?? '',
      token: params.token,
      amount: params.amount,
      kind: params.kind ?? '',
      deadline: BigInt(Math.floor(params.deadline.getTime() / 1000)),
      maxClaimants: params.maxClaimants ?? 1,
      claimTtl: BigInt(params.claimTtl),
      teamAllowed: params.teamAllowed ?? false,
      minReviews: params.minReviews ?? 0,
      acceptanceScore: params.acceptanceScore ?? 0,
      reviewers: [...(params.reviewers ?? [])],
    };
    const signature = await this.sign('CreateBounty', { from: this.address, ...fields, timestamp });
    return {
      input: {
        from: this.address,
        ...fields,
        amount: fields.amount.toString(),
        deadline: fields.deadline.toString(),
        claimTtl: fields.claimTtl.toString(),
        timestamp: timestamp.toString(),
      },
      signature,
    };
  }

  async claimBounty(params: { dao: string; bounty: string }): Promise<Signed<ClaimBountyInput>> {
    const timestamp = this.now();
    const signature = await this.sign('ClaimBounty', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /** The claimant delivers its attestation (outside any round) for the bounty. */
  async submitBountyWork(params: {
    dao: string;
    bounty: string;
    attestation: string;
  }): Promise<Signed<SubmitBountyWorkInput>> {
    const timestamp = this.now();
    const signature = await this.sign('SubmitBountyWork', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async reviewBountyWork(params: {
    dao: string;
    claim: string;
    score: number;
    comment?: string;
  }): Promise<Signed<ReviewBountyWorkInput>> {
    const timestamp = this.now();
    const fields = { ...params, comment: params.comment ?? '' };
    const signature = await this.sign('ReviewBountyWork', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  async acceptBountyWork(params: { dao: string; claim: string }): Promise<Signed<AcceptBountyWorkInput>> {
    const timestamp = this.now();
    const signature = await this.sign('AcceptBountyWork', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async rejectBountyWork(params: {
    dao: string;
    claim: string;
    reason: string;
  }): Promise<Signed<RejectBountyWorkInput>> {
    const timestamp = this.now();
    const signature = await this.sign('RejectBountyWork', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  async cancelBounty(params: {
    dao: string;
    bounty: string;
    reason?: string;
  }): Promise<Signed<CancelBountyInput>> {
    const timestamp = this.now();
    const fields = { ...params, reason: params.reason ?? '' };
    const signature = await this.sign('CancelBounty', { from: this.address, ...fields, timestamp });
    return { input: { from: this.address, ...fields, timestamp: timestamp.toString() }, signature };
  }

  async proposeSafeRejection(params: {
    dao: string;
    safeTxHash: Hex;
  }): Promise<Signed<ProposeSafeRejectionInput>> {
    const timestamp = this.now();
    const signature = await this.sign('ProposeSafeRejection', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /** `createCreditType` (by an admin): a credit type of the DAO (docs/credits.md). */
  async createCreditType(params: {
    dao: string;
    code: string;
    name: string;
    unit: string;
    scale: number;
  }): Promise<Signed<CreateCreditTypeInput>> {
    const timestamp = this.now();
    const signature = await this.sign('CreateCreditType', { from: this.address, ...params, timestamp });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /**
   * `grantCredits` (by an admin): `amount` integer units of a credit type to a contributor, spendable from
   * `effectiveAt` (unix seconds; default at once) until `expiresAt` (default never).
   */
  async grantCredits(params: {
    dao: string;
    contributor: Address;
    creditType: string;
    amount: bigint;
    effectiveAt?: bigint;
    expiresAt?: bigint;
    reference?: string;
  }): Promise<Signed<GrantCreditsInput>> {
    const timestamp = this.now();
    const message = {
      from: this.address,
      dao: params.dao,
      contributor: params.contributor,
      creditType: params.creditType,
      amount: params.amount,
      effectiveAt: params.effectiveAt ?? 0n,
      expiresAt: params.expiresAt ?? 0n,
      reference: params.reference ?? '',
      timestamp,
    };
    const signature = await this.sign('GrantCredits', message);
    return {
      input: {
        ...message,
        amount: message.amount.toString(),
        effectiveAt: message.effectiveAt.toString(),
        expiresAt: message.expiresAt.toString(),
        timestamp: timestamp.toString(),
      },
      signature,
    };
  }

  /**
   * `recordTokenPrice` (by an admin): `usdPerToken` USD per whole token (a decimal such as "1.25") from
   * `asOf` (unix seconds), what contributor statements value lines at (docs/statements.md).
   */
  async recordTokenPrice(params: {
    dao: string;
    token: Address;
    usdPerToken: string;
    asOf: bigint;
  }): Promise<Signed<RecordTokenPriceInput>> {
    const timestamp = this.now();
    const signature = await this.sign('RecordTokenPrice', { from: this.address, ...params, timestamp });
    return {
      input: { from: this.address, ...params, asOf: params.asOf.toString(), timestamp: timestamp.toString() },
      signature,
    };
  }

  /**
   * `createCreditSpendingKey` (by an admin): a key with which `service` spends the DAO's credits into
   * its spend account (docs/credits.md). The answer carries the key's secret, once.
   */
  async createCreditSpendingKey(params: {
    dao: string;
    service: string;
    name: string;
  }): Promise<Signed<CreateCreditSpendingKeyInput>> {
    const timestamp = this.now();
    const signature = await this.sign('CreateCreditSpendingKey', {
      from: this.address,
      ...params,
      timestamp,
    });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /** `revokeCreditSpendingKey` (by an admin): the key stops working at once. */
  async revokeCreditSpendingKey(params: {
    dao: string;
    keyId: string;
  }): Promise<Signed<RevokeCreditSpendingKeyInput>> {
    const timestamp = this.now();
    const signature = await this.sign('RevokeCreditSpendingKey', {
      from: this.address,
      ...params,
      timestamp,
    });
    return { input: { from: this.address, ...params, timestamp: timestamp.toString() }, signature };
  }

  /**
   * An owner's confirmation of a Safe transaction for `confirmSafeTransaction`: the EIP-712 `SafeTx`
   * signature (domain: this chain and the Safe). The transaction is as the API returns it; its
   * fields are hashed here first, and a transaction whose fields do not hash to its safeTxHash is
   * refused rather than signed.
   */
  async signSafeTransaction(tx: SafeTransactionToSign): Promise<Hex> {
    const typedData = safeTxTypedData(this.chainId, tx);
    const hash = hashTypedData(typedData);
    if (hash !== tx.safeTxHash.toLowerCase())
      throw new SafeTxHashMismatchError(tx.safeTxHash, hash, this.chainId);
    return this.signer.signTypedData(typedData);
  }

  private sign<P extends GuildhallPrimaryType>(
    primaryType: P,
    message: GuildhallTypedData<P>['message'],
  ): Promise<Hex> {
    return this.signer.signTypedData(guildhallTypedData(this.chainId, primaryType, message));
  }
}
