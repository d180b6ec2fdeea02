import { Injectable } from '@nestjs/common';
import { isUuid, timeCursor, toPage, type Page, type PageRequest } from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
import { getAddress, type Address, type Hex } from 'viem';
import type {
  Bounty,
  BountyClaim,
  BountyPayout,
  BountyReview,
  BountyState,
  BountyTerms,
  ClaimState,
  PayoutStatus,
} from '../domain/bounty.js';

interface BountyRow {
  id: string;
  dao_id: string;
  dao_slug: string;
  title: string;
  description: string;
  token: string;
  amount: string;
  kind: string | null;
  deadline: Date;
  max_claimants: number;
  claim_ttl: number;
  team_allowed: boolean;
  min_reviews: number;
  acceptance_score: number;
  reviewers: string[];
  state: string;
  cancel_reason: string | null;
  created_by: string;
  created_at: Date;
}

const BOUNTY_COLUMNS = `b.id, b.dao_id, d.slug AS dao_slug, b.title, b.description, b.token, b.amount::text AS amount,
  b.kind, b.deadline, b.max_claimants, b.claim_ttl, b.team_allowed, b.min_reviews, b.acceptance_score,
  b.reviewers, b.state, b.cancel_reason, b.created_by, b.created_at`;

const toBounty = (row: BountyRow): Bounty => ({
  id: row.id,
  daoId: row.dao_id,
  daoSlug: row.dao_slug,
  title: row.title,
  description: row.description,
  token: getAddress(row.token),
  amount: BigInt(row.amount),
  kind: row.kind,
  deadline: row.deadline,
  maxClaimants: row.max_claimants,
  claimTtl: row.claim_ttl,
  teamAllowed: row.team_allowed,
  minReviews: row.min_reviews,
  acceptanceScore: row.acceptance_score,
  reviewers: row.reviewers.map((reviewer) => getAddress(reviewer)),
  state: row.state as BountyState,
  cancelReason: row.cancel_reason,
  createdBy: getAddress(row.created_by),
  createdAt: row.created_at,
});

interface ClaimRow {
  id: string;
  bounty_id: string;
  claimant: string;
  state: string;
  expires_at: Date;
  attestation_id: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  reject_reason: string | null;
  created_at: Date;
}

const toClaim = (row: ClaimRow): BountyClaim => ({
  id: row.id,
  bountyId: row.bounty_id,
  claimant: getAddress(row.claimant),
  state: row.state as ClaimState,
  expiresAt: row.expires_at,
  attestationId: row.attestation_id,
  submittedAt: row.submitted_at,
  decidedAt: row.decided_at,
  rejectReason: row.reject_reason,
  createdAt: row.created_at,
});

/** A payout the treasury has yet to pay, with what signers are told about it. */
export interface DuePayout {
  readonly id: string;
  readonly bountyId: string;
  readonly title: string;
  readonly token: Address;
  readonly payee: Address;
  readonly handle: string | null;
  readonly amount: bigint;
}

/** Bounties, their claims, reviews and payouts, in PostgreSQL. */
@Injectable()
export class BountyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertBounty(
    manager: EntityManager,
    bounty: BountyTerms & { daoId: string; createdBy: Address },
  ): Promise<string> {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO bounty (dao_id, title, description, token, amount, kind, deadline, max_claimants, claim_ttl,
                           team_allowed, min_reviews, acceptance_score, reviewers, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        bounty.daoId,
        bounty.title,
        bounty.description,
        bounty.token,
        bounty.amount.toString(),
        bounty.kind,
        bounty.deadline,
        bounty.maxClaimants,
        bounty.claimTtl,
        bounty.teamAllowed,
        bounty.minReviews,
        bounty.acceptanceScore,
        [...bounty.reviewers],
        bounty.createdBy,
      ],
    );
    return row.id;
  }

  /** The bounty, locked for the rest of the transaction with `lock` (its writes go one at a time). */
  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Bounty | null> {
    if (!isUuid(id)) return null;
    if (lock) await manager.query(`SELECT 1 FROM bounty WHERE id = $1 FOR UPDATE`, [id]);
    const rows = await manager.query<BountyRow[]>(
      `SELECT ${BOUNTY_COLUMNS} FROM bounty b JOIN dao d ON d.id = b.dao_id WHERE b.id = $1`,
      [id],
    );
    return rows.length === 0 ? null : toBounty(rows[0]);
  }

  /** A DAO's bounties (of one state), newest first. */
  async list(daoId: string, state: BountyState | null, page: PageRequest): Promise<Page<Bounty>> {
    const after = page.after === undefined ? null : timeCursor(page.after);
    const rows = await this.dataSource.query<BountyRow[]>(
      `SELECT ${BOUNTY_COLUMNS} FROM bounty b JOIN dao d ON d.id = b.dao_id
        WHERE b.dao_id = $1 AND ($2::text IS NULL OR b.state = $2)
          AND ($3::timestamptz IS NULL OR (date_trunc('milliseconds', b.created_at), b.id) < ($3::timestamptz, $4::uuid))
        ORDER BY date_trunc('milliseconds', b.created_at) DESC, b.id DESC
        LIMIT $5`,
      [daoId, state, after?.key ?? null, after?.id ?? null, page.first + 1],
    );
    return toPage(rows.map(toBounty), page, (bounty) => ({
      key: bounty.createdAt.toISOString(),
      id: bounty.id,
    }));
  }

  async moveBounty(
    manager: EntityManager,
    id: string,
    from: readonly BountyState[],
    to: BountyState,
    cancelReason: string | null = null,
  ): Promise<boolean> {
    const rows = await manager.query<Array<{ id: string }>>(
      `UPDATE bounty SET state = $3, cancel_reason = coalesce($4, cancel_reason)
        WHERE id = $1 AND state = ANY($2::text[]) RETURNING id`,
      [id, from, to, cancelReason],
    );
    return rows.length > 0;
  }

  // Claims

  /** Every claim of the bounties, oldest first. */
  async claimsOf(bountyIds: readonly string[], manager: EntityManager = this.dataSource.manager) {
    const rows = await manager.query<ClaimRow[]>(
      `SELECT * FROM bounty_claim WHERE bounty_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [bountyIds],
    );
    return rows.map(toClaim);
  }

  async claim(id: string, manager: EntityManager = this.dataSource.manager): Promise<BountyClaim | null> {
    if (!isUuid(id)) return null;
    const rows = await manager.query<ClaimRow[]>(`SELECT * FROM bounty_claim WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toClaim(rows[0]);
  }

  /** ACTIVE claims of the bounty whose TTL ran out become EXPIRED, freeing their places. */
  async expireClaims(manager: EntityManager, bountyId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE bounty_claim SET state = 'EXPIRED' WHERE bounty_id = $1 AND state = 'ACTIVE' AND expires_at <= $2`,
      [bountyId, now],
    );
  }

  async insertClaim(
    manager: EntityManager,
    claim: { bountyId: string; claimant: Address; expiresAt: Date },
  ): Promise<string> {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO bounty_claim (bounty_id, claimant, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [claim.bountyId, claim.claimant, claim.expiresAt],
    );
    return row.id;
  }

  async submit(manager: EntityManager, claimId: string, attestationId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE bounty_claim SET state = 'SUBMITTED', attestation_id = $2, submitted_at = $3 WHERE id = $1`,
      [claimId, attestationId, now],
    );
  }

  async decide(
    manager: EntityManager,
    claimId: string,
    state: 'ACCEPTED' | 'REJECTED',
    now: Date,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE bounty_claim SET state = $2, decided_at = $3, reject_reason = $4 WHERE id = $1`,
      [claimId, state, now, reason],
    );
  }

  /** The bounty's claims still holding a place are CLOSED (its work accepted, or it cancelled). */
  async closeClaims(manager: EntityManager, bountyId: string): Promise<void> {
    await manager.query(
      `UPDATE bounty_claim SET state = 'CLOSED' WHERE bounty_id = $1 AND state IN ('ACTIVE', 'SUBMITTED')`,
      [bountyId],
    );
  }

  /** Whether another claim delivered the attestation (submitted, or accepted). */
  async attestationDelivered(manager: EntityManager, attestationId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM bounty_claim WHERE attestation_id = $1 AND state IN ('SUBMITTED', 'ACCEPTED') LIMIT 1`,
      [attestationId],
    );
    return rows.length > 0;
  }

  // Reviews

  /** False when the reviewer has already reviewed the claim. */
  async insertReview(
    manager: EntityManager,
    review: { claimId: string; reviewer: Address; score: number; comment: string },
  ): Promise<boolean> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO bounty_review (claim_id, reviewer, score, comment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (claim_id, reviewer) DO NOTHING RETURNING id`,
      [review.claimId, review.reviewer, review.score, review.comment],
    );
    return rows.length > 0;
  }

  /** Every review of the claims, oldest first. */
  async reviewsOf(claimIds: readonly string[], manager: EntityManager = this.dataSource.manager) {
    const rows = await manager.query<
      Array<{
        id: string;
        claim_id: string;
        reviewer: string;
        score: number;
        comment: string;
        created_at: Date;
      }>
    >(`SELECT * FROM bounty_review WHERE claim_id = ANY($1::uuid[]) ORDER BY created_at, id`, [claimIds]);
    return rows.map((row): BountyReview => ({
      id: row.id,
      claimId: row.claim_id,
      reviewer: getAddress(row.reviewer),
      score: row.score,
      comment: row.comment,
      createdAt: row.created_at,
    }));
  }

  // Payouts

  async insertPayouts(
    manager: EntityManager,
    bountyId: string,
    payouts: ReadonlyArray<{ payee: Address; amount: bigint }>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO bounty_payout (bounty_id, payee, amount)
       SELECT $1, payee, amount::numeric FROM unnest($2::text[], $3::text[]) AS p(payee, amount)`,
      [bountyId, payouts.map((payout) => payout.payee), payouts.map((payout) => payout.amount.toString())],
    );
  }

  async payoutsOf(bountyId: string): Promise<BountyPayout[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        bounty_id: string;
        payee: string;
        amount: string;
        status: string;
        tx_hash: string | null;
        paid_block: string | null;
      }>
    >(
      `SELECT id, bounty_id, payee, amount::text AS amount, status, tx_hash, paid_block::text AS paid_block
         FROM bounty_payout WHERE bounty_id = $1 ORDER BY payee`,
      [bountyId],
    );
    return rows.map((row) => ({
      id: row.id,
      bountyId: row.bounty_id,
      payee: getAddress(row.payee),
      amount: BigInt(row.amount),
      status: row.status as PayoutStatus,
      txHash: row.tx_hash as Hex | null,
      paidBlock: row.paid_block === null ? null : BigInt(row.paid_block),
    }));
  }

  /** Unpaid payouts (PENDING or IN_FLIGHT) of the DAO's accepted bounties (`bountyId`: of one), oldest first. */
  async due(manager: EntityManager, daoId: string, bountyId?: string): Promise<DuePayout[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        bounty_id: string;
        title: string;
        token: string;
        payee: string;
        handle: string | null;
        amount: string;
      }>
    >(
      `SELECT p.id, p.bounty_id, b.title, b.token, p.payee, c.handle, p.amount::text AS amount
         FROM bounty_payout p
         JOIN bounty b ON b.id = p.bounty_id
         LEFT JOIN contributor_profile c ON c.dao_id = b.dao_id AND c.address = p.payee
        WHERE b.dao_id = $1 AND b.state IN ('ACCEPTED', 'PAYING') AND p.status IN ('PENDING', 'IN_FLIGHT')
          AND ($2::uuid IS NULL OR b.id = $2::uuid)
        ORDER BY b.created_at, b.id, p.payee`,
      [daoId, bountyId ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      bountyId: row.bounty_id,
      title: row.title,
      token: getAddress(row.token),
      payee: getAddress(row.payee),
      handle: row.handle,
      amount: BigInt(row.amount),
    }));
  }

  /**
   * What the DAO's bounties of `token` hold: the reward of every OPEN bounty (reserved) and every
   * unpaid payout of an accepted one.
   */
  async outstanding(manager: EntityManager, daoId: string, token: Address): Promise<bigint> {
    const [row] = await manager.query<Array<{ owed: string }>>(
      `SELECT (
         coalesce((SELECT sum(amount) FROM bounty
                    WHERE dao_id = $1 AND lower(token) = lower($2) AND state = 'OPEN'), 0)
       + coalesce((SELECT sum(p.amount) FROM bounty_payout p JOIN bounty b ON b.id = p.bounty_id
                    WHERE b.dao_id = $1 AND lower(b.token) = lower($2) AND p.status IN ('PENDING', 'IN_FLIGHT')), 0)
       )::text AS owed`,
      [daoId, token],
    );
    return BigInt(row.owed);
  }

  /** The bounties the payouts belong to, each once. */
  async bountiesOf(manager: EntityManager, payoutIds: readonly string[]): Promise<string[]> {
    const rows = await manager.query<Array<{ bounty_id: string }>>(
      `SELECT DISTINCT bounty_id FROM bounty_payout WHERE id = ANY($1::uuid[])`,
      [payoutIds],
    );
    return rows.map((row) => row.bounty_id);
  }

  /** PENDING payouts become IN_FLIGHT (and back with `inFlight` false). */
  async setInFlight(manager: EntityManager, ids: readonly string[], inFlight: boolean): Promise<void> {
    const [from, to] = inFlight ? ['PENDING', 'IN_FLIGHT'] : ['IN_FLIGHT', 'PENDING'];
    await manager.query(`UPDATE bounty_payout SET status = $3 WHERE id = ANY($1::uuid[]) AND status = $2`, [
      ids,
      from,
      to,
    ]);
  }

  /** Marks the payouts PAID by the Ethereum transaction `txHash` (those not paid yet). */
  async pay(manager: EntityManager, ids: readonly string[], txHash: Hex, block: bigint): Promise<void> {
    await manager.query(
      `UPDATE bounty_payout SET status = 'PAID', tx_hash = $2, paid_block = $3
        WHERE id = ANY($1::uuid[]) AND status IN ('PENDING', 'IN_FLIGHT')`,
      [ids, txHash, block.toString()],
    );
  }

  async unpaid(manager: EntityManager, bountyId: string): Promise<number> {
    const [row] = await manager.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM bounty_payout WHERE bounty_id = $1 AND status IN ('PENDING', 'IN_FLIGHT')`,
      [bountyId],
    );
    return row.count;
  }
}
