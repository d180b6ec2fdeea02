import { Inject, Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { AttestationService } from '@guildhall/contributions';
import { pageRequest, type Address, type DaoSignedInput, type Page } from '@guildhall/core';
import { DaoService, type Dao } from '@guildhall/dao';
import { JobQueue } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import { SWEEP_NOW, TREASURY_FUNDS, TreasurySweep, type TreasuryFunds } from '@guildhall/treasury/payables';
import type { EntityManager } from 'typeorm';
import { BountyRepository } from '../datasources/bounty.repository.js';
import { BountiesError, BountiesErrorCode } from './bounties.error.js';
import {
  assertAcceptable,
  assertClaimable,
  assertDeliverable,
  assertNotSelfReview,
  assertOpen,
  claimStateAt,
  splitReward,
  validateTerms,
  type Bounty,
  type BountyClaim,
  type BountyPayout,
  type BountyReview,
  type BountyState,
} from './bounty.js';

const bountyNotFound = (id: string, dao?: string) =>
  new BountiesError(
    BountiesErrorCode.BOUNTY_NOT_FOUND,
    dao === undefined ? `No bounty ${id}` : `No bounty ${id} in DAO "${dao}"`,
    { bounty: id },
  );
const claimNotFound = (id: string, dao: string) =>
  new BountiesError(BountiesErrorCode.CLAIM_NOT_FOUND, `No bounty claim ${id} in DAO "${dao}"`, {
    claim: id,
  });
const notActive = (claim: BountyClaim, state: string, wanted: string) =>
  new BountiesError(
    BountiesErrorCode.CLAIM_NOT_ACTIVE,
    `Claim ${claim.id} is ${state}: only a ${wanted} claim takes this`,
    { claim: claim.id, state },
  );

/** 9999-12-31T23:59:59Z: later unix seconds are not a date. */
const MAX_UNIX_SECONDS = 253_402_300_799n;

/**
 * Bounties: an admin posts one (its reward reserved on the Safe), contributors claim it and deliver
 * an attestation, reviewers score the delivery blind, an admin accepts it (the payout is due to the
 * treasury at once) or rejects it (the claim is freed); an admin may cancel a bounty until its work
 * is accepted. docs/bounties.md describes the rules.
 */
@Injectable()
export class BountyService {
  constructor(
    private readonly repository: BountyRepository,
    private readonly daos: DaoService,
    private readonly attestations: AttestationService,
    private readonly reader: ChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly jobs: JobQueue,
    @Inject(TREASURY_FUNDS) private readonly funds: TreasuryFunds,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async byId(id: string): Promise<Bounty> {
    const bounty = await this.repository.find(id);
    if (bounty === null) throw bountyNotFound(id);
    return bounty;
  }

  async list(
    daoSlug: string,
    state: BountyState | null,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<Bounty>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.repository.list(dao.id, state, pageRequest(page, this.config.graphql.maxPageSize));
  }

  /** The bounty's claims, oldest first, each in its state now (an ACTIVE one past its TTL is EXPIRED). */
  async claims(bountyId: string): Promise<BountyClaim[]> {
    const now = new Date();
    return (await this.repository.claimsOf([bountyId])).map((claim) => ({
      ...claim,
      state: claimStateAt(claim, now),
    }));
  }

  reviews(claimId: string): Promise<BountyReview[]> {
    return this.repository.reviewsOf([claimId]);
  }

  payouts(bountyId: string): Promise<BountyPayout[]> {
    return this.repository.payoutsOf(bountyId);
  }

  /** `createBounty`, by an admin: refused unless the Safe covers its reward besides what the DAO owes. */
  async create(
    input: DaoSignedInput & {
      title: string;
      description: string;
      token: Address;
      amount: bigint;
      kind: string;
      deadline: bigint;
      maxClaimants: number;
      claimTtl: bigint;
      teamAllowed: boolean;
      minReviews: number;
      acceptanceScore: number;
      reviewers: readonly Address[];
    },
  ): Promise<Bounty> {
    if (input.deadline > MAX_UNIX_SECONDS)
      throw new BountiesError(BountiesErrorCode.INVALID_BOUNTY, 'deadline: unix seconds, at most year 9999', {
        field: 'deadline',
      });
    if (input.claimTtl > BigInt(Number.MAX_SAFE_INTEGER))
      throw new BountiesError(BountiesErrorCode.INVALID_BOUNTY, 'claimTtl: too long', { field: 'claimTtl' });
    const terms = {
      title: input.title,
      description: input.description,
      token: input.token,
      amount: input.amount,
      kind: input.kind === '' ? null : input.kind,
      deadline: new Date(Number(input.deadline) * 1000),
      maxClaimants: input.maxClaimants,
      claimTtl: Number(input.claimTtl),
      teamAllowed: input.teamAllowed,
      minReviews: input.minReviews,
      acceptanceScore: input.acceptanceScore,
      reviewers: [...input.reviewers],
    };
    validateTerms(terms, new Date());
    const dao = await this.daos.bySlug(input.dao);
    await this.reader.token(input.token);
    const { bountyId } = await this.signedWrites.run(
      'CreateBounty',
      {
        from: input.from,
        dao: dao.slug,
        title: input.title,
        description: input.description,
        token: input.token,
        amount: input.amount,
        kind: input.kind,
        deadline: input.deadline,
        maxClaimants: input.maxClaimants,
        claimTtl: input.claimTtl,
        teamAllowed: input.teamAllowed,
        minReviews: input.minReviews,
        acceptanceScore: input.acceptanceScore,
        reviewers: [...input.reviewers],
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.funds.assertCovers(dao.id, input.token, input.amount, { manager });
        const id = await this.repository.insertBounty(manager, {
          ...terms,
          daoId: dao.id,
          createdBy: signer,
        });
        return { daoId: dao.id, result: { bountyId: id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /** `claimBounty`: a place among the bounty's claimants, for its claim TTL. */
  async claim(input: DaoSignedInput & { bounty: string }): Promise<Bounty> {
    const dao = await this.daos.bySlug(input.dao);
    const { bountyId } = await this.signedWrites.run(
      'ClaimBounty',
      { from: input.from, dao: dao.slug, bounty: input.bounty, timestamp: input.timestamp },
      input.signature,
      async ({ signer, manager }) => {
        const bounty = await this.lockBounty(manager, dao, input.bounty);
        const now = new Date();
        await this.repository.expireClaims(manager, bounty.id, now);
        assertClaimable(bounty, await this.repository.claimsOf([bounty.id], manager), signer, now);
        await this.repository.insertClaim(manager, {
          bountyId: bounty.id,
          claimant: signer,
          expiresAt: new Date(now.getTime() + bounty.claimTtl * 1000),
        });
        return { daoId: dao.id, result: { bountyId: bounty.id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /** `submitBountyWork`: the claimant delivers an attestation, before the claim expires and the deadline. */
  async submit(input: DaoSignedInput & { bounty: string; attestation: string }): Promise<Bounty> {
    const dao = await this.daos.bySlug(input.dao);
    const { bountyId } = await this.signedWrites.run(
      'SubmitBountyWork',
      {
        from: input.from,
        dao: dao.slug,
        bounty: input.bounty,
        attestation: input.attestation,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const bounty = await this.lockBounty(manager, dao, input.bounty);
        assertOpen(bounty);
        const now = new Date();
        if (now.getTime() >= bounty.deadline.getTime())
          throw new BountiesError(
            BountiesErrorCode.BOUNTY_PAST_DEADLINE,
            `Bounty ${bounty.id} took work until ${bounty.deadline.toISOString()}`,
            { bounty: bounty.id },
          );
        const claims = await this.repository.claimsOf([bounty.id], manager);
        const claim = claims.find(
          (candidate) => candidate.claimant === signer && candidate.state === 'ACTIVE',
        );
        if (claim === undefined)
          throw new BountiesError(
            BountiesErrorCode.NOT_THE_CLAIMANT,
            `${signer} holds no active claim on bounty ${bounty.id}`,
            { bounty: bounty.id },
          );
        const state = claimStateAt(claim, now);
        if (state !== 'ACTIVE') throw notActive(claim, state, 'ACTIVE');
        const attestation = await this.attestations.byId(input.attestation, manager);
        assertDeliverable(bounty, attestation, signer);
        if (await this.repository.attestationDelivered(manager, attestation.id))
          throw new BountiesError(
            BountiesErrorCode.ATTESTATION_NOT_ELIGIBLE,
            `Attestation ${attestation.id} is already delivered for a bounty`,
            { attestation: attestation.id },
          );
        await this.repository.submit(manager, claim.id, attestation.id, now);
        return { daoId: dao.id, result: { bountyId: bounty.id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /** `reviewBountyWork`: a reviewer of the bounty (or of the DAO) scores a submission, once, blind. */
  async review(input: DaoSignedInput & { claim: string; score: number; comment: string }): Promise<Bounty> {
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100)
      throw new BountiesError(BountiesErrorCode.INVALID_BOUNTY, 'score: 0 to 100', { field: 'score' });
    if (input.comment.length > 2000)
      throw new BountiesError(BountiesErrorCode.INVALID_BOUNTY, 'comment: at most 2000 characters', {
        field: 'comment',
      });
    const dao = await this.daos.bySlug(input.dao);
    const { bountyId } = await this.signedWrites.run(
      'ReviewBountyWork',
      {
        from: input.from,
        dao: dao.slug,
        claim: input.claim,
        score: input.score,
        comment: input.comment,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const { bounty, claim } = await this.lockClaim(manager, dao, input.claim);
        assertOpen(bounty);
        if (claim.state !== 'SUBMITTED') throw notActive(claim, claim.state, 'SUBMITTED');
        const attestation = await this.attestations.byId(claim.attestationId ?? '', manager);
        assertNotSelfReview(attestation, signer);
        const reviewers =
          bounty.reviewers.length > 0 ? bounty.reviewers : await this.attestations.reviewers(dao.id, manager);
        if (!reviewers.includes(signer))
          throw new BountiesError(
            BountiesErrorCode.NOT_A_REVIEWER,
            `${signer} is not a reviewer of bounty ${bounty.id}`,
            { reviewer: signer },
          );
        const inserted = await this.repository.insertReview(manager, {
          claimId: claim.id,
          reviewer: signer,
          score: input.score,
          comment: input.comment,
        });
        if (!inserted)
          throw new BountiesError(
            BountiesErrorCode.ALREADY_REVIEWED,
            `${signer} has already reviewed claim ${claim.id}`,
            { claim: claim.id, reviewer: signer },
          );
        return { daoId: dao.id, result: { bountyId: bounty.id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /**
   * `acceptBountyWork`, by an admin: fixes the payees from the attestation's credits and makes the
   * payout due at once (the treasury is asked for a pass in the same transaction).
   */
  async accept(input: DaoSignedInput & { claim: string }): Promise<Bounty> {
    const dao = await this.daos.bySlug(input.dao);
    const { bountyId } = await this.signedWrites.run(
      'AcceptBountyWork',
      { from: input.from, dao: dao.slug, claim: input.claim, timestamp: input.timestamp },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const { bounty, claim } = await this.lockClaim(manager, dao, input.claim);
        assertOpen(bounty);
        if (claim.state !== 'SUBMITTED') throw notActive(claim, claim.state, 'SUBMITTED');
        const attestation = await this.attestations.byId(claim.attestationId ?? '', manager);
        const reviews = await this.repository.reviewsOf([claim.id], manager);
        assertAcceptable(
          bounty,
          attestation,
          reviews.map((review) => review.score),
        );
        const now = new Date();
        await this.repository.insertPayouts(
          manager,
          bounty.id,
          splitReward(bounty.amount, attestation.credits),
        );
        await this.repository.decide(manager, claim.id, 'ACCEPTED', now, null);
        await this.repository.closeClaims(manager, bounty.id);
        await this.repository.moveBounty(manager, bounty.id, ['OPEN'], 'ACCEPTED');
        await this.jobs.sendWithin(manager, TreasurySweep, {}, { singletonKey: SWEEP_NOW });
        return { daoId: dao.id, result: { bountyId: bounty.id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /** `rejectBountyWork`, by an admin, with a reason: the claim is freed. */
  async reject(input: DaoSignedInput & { claim: string; reason: string }): Promise<Bounty> {
    if (input.reason.trim().length === 0 || input.reason.length > 2000)
      throw new BountiesError(BountiesErrorCode.INVALID_BOUNTY, 'reason: 1 to 2000 characters', {
        field: 'reason',
      });
    const dao = await this.daos.bySlug(input.dao);
    const { bountyId } = await this.signedWrites.run(
      'RejectBountyWork',
      {
        from: input.from,
        dao: dao.slug,
        claim: input.claim,
        reason: input.reason,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const { bounty, claim } = await this.lockClaim(manager, dao, input.claim);
        assertOpen(bounty);
        if (claim.state !== 'SUBMITTED') throw notActive(claim, claim.state, 'SUBMITTED');
        await this.repository.decide(manager, claim.id, 'REJECTED', new Date(), input.reason);
        return { daoId: dao.id, result: { bountyId: bounty.id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /** `cancelBounty`, by an admin, until its work is accepted: its reservation is released. */
  async cancel(input: DaoSignedInput & { bounty: string; reason: string }): Promise<Bounty> {
    if (input.reason.length > 2000)
      throw new BountiesError(BountiesErrorCode.INVALID_BOUNTY, 'reason: at most 2000 characters', {
        field: 'reason',
      });
    const dao = await this.daos.bySlug(input.dao);
    const { bountyId } = await this.signedWrites.run(
      'CancelBounty',
      {
        from: input.from,
        dao: dao.slug,
        bounty: input.bounty,
        reason: input.reason,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const bounty = await this.lockBounty(manager, dao, input.bounty);
        assertOpen(bounty);
        await this.repository.moveBounty(manager, bounty.id, ['OPEN'], 'CANCELLED', input.reason);
        await this.repository.closeClaims(manager, bounty.id);
        return { daoId: dao.id, result: { bountyId: bounty.id } };
      },
    );
    return this.byId(String(bountyId));
  }

  /** The DAO's bounty, locked for the rest of the write: a bounty's writes go one at a time. */
  private async lockBounty(manager: EntityManager, dao: Dao, id: string): Promise<Bounty> {
    const bounty = await this.repository.find(id, manager, true);
    if (bounty === null || bounty.daoId !== dao.id) throw bountyNotFound(id, dao.slug);
    return bounty;
  }

  /** The DAO's claim and its bounty, the bounty locked for the rest of the write. */
  private async lockClaim(
    manager: EntityManager,
    dao: Dao,
    id: string,
  ): Promise<{ bounty: Bounty; claim: BountyClaim }> {
    const found = await this.repository.claim(id, manager);
    if (found === null) throw claimNotFound(id, dao.slug);
    const bounty = await this.repository.find(found.bountyId, manager, true);
    if (bounty === null || bounty.daoId !== dao.id) throw claimNotFound(id, dao.slug);
    // Read again under the bounty's lock: a write on it may have just committed.
    const claim = await this.repository.claim(id, manager);
    if (claim === null) throw claimNotFound(id, dao.slug);
    return { bounty, claim };
  }
}
