import { Injectable } from '@nestjs/common';
import {
  Address,
  toPage,
  type Page,
  type PageRequest,
  isUuid,
  timeCursor,
  invalidCursor,
} from '@guildhall/core';
import type { StatementEvents } from '@guildhall/database';
import type { AuditLogInsert } from '@guildhall/signed-writes';
import { DataSource, type EntityManager } from 'typeorm';
import type { Proposal, ProposalVoteState, Vote } from '../domain/proposal.js';
import { tallyStateFromJson, tallyStateToJson, type TallyState } from '../domain/tally/index.js';
import type { VoteType } from '@guildhall/core';
import type { ProposalAction, ProposalState } from '../domain/voting.js';
import { DaoService } from '@guildhall/dao';
import { ProposalEntity, type StoredAction } from './proposal.entity.db.js';
import { VoteEntity } from './vote.entity.db.js';

const CREATED_MS = (alias: string) => `date_trunc('milliseconds', ${alias}.created_at)`;

const toAction = (stored: StoredAction): ProposalAction => ({
  to: Address.parse(stored.to),
  value: BigInt(stored.value),
  data: stored.data as `0x${string}`,
  operation: stored.operation === 1 ? 1 : 0,
  description: stored.description,
});

const toProposal = (row: ProposalEntity, daoSlug: string): Proposal => ({
  id: row.id,
  daoId: row.daoId,
  daoSlug,
  author: Address.parse(row.author),
  title: row.title,
  body: row.body,
  discussion: row.discussion,
  voteType: row.voteType as VoteType,
  choices: row.choices,
  actions: row.actions.map(toAction),
  snapshotBlock: row.snapshotBlock,
  startAt: row.startAt,
  endAt: row.endAt,
  quorum: row.quorum,
  supermajorityBps: row.supermajorityBps,
  allowVoteChange: row.allowVoteChange,
  state: row.state as ProposalState,
  tally: tallyStateFromJson(row.tally),
  voteCount: row.voteCount,
  createdAt: row.createdAt,
});

const toVote = (row: VoteEntity): Vote => ({
  proposalId: row.proposalId,
  voter: Address.parse(row.voter),
  choice: row.choice,
  vp: row.vp,
  reason: row.reason,
  signedAt: row.signedAt,
  createdAt: row.createdAt,
});

/** The orders votes are listed in: by voting power (largest first) or by time (oldest first). */
export type VoteOrder = 'VP' | 'CREATED';

/** Refuses a votes cursor that is not one of `orderBy`'s (`invalidCursor`). */
export function checkVotePage(orderBy: VoteOrder, page: PageRequest): void {
  if (page.after === undefined) return;
  const valid =
    orderBy === 'VP' ? /^[0-9]+$/.test(page.after.key) : !Number.isNaN(Date.parse(page.after.key));
  if (!valid) throw invalidCursor();
}

/** A vote as `snapshot` reads it: JSON, its power as text, its times in unix milliseconds. */
interface StoredVoteJson {
  readonly voter: string;
  readonly choice: Vote['choice'];
  readonly vp: string;
  readonly reason: string;
  readonly signedAt: number;
  readonly createdAt: number;
}

export interface NewProposal {
  readonly daoId: string;
  readonly author: Address;
  readonly title: string;
  readonly body: string;
  readonly discussion: string;
  readonly voteType: VoteType;
  readonly choices: readonly string[];
  readonly actions: readonly ProposalAction[];
  readonly snapshotBlock: bigint;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly quorum: bigint;
  readonly supermajorityBps: number;
  readonly allowVoteChange: boolean;
  readonly state: ProposalState;
  readonly tally: TallyState;
}

/** Proposals and votes in PostgreSQL; every method that changes state takes the caller's transaction. */
@Injectable()
export class ProposalRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly daos: DaoService,
  ) {}

  async insert(manager: EntityManager, proposal: NewProposal, daoSlug: string): Promise<Proposal> {
    const row = manager.create(ProposalEntity, {
      ...proposal,
      choices: [...proposal.choices],
      actions: proposal.actions.map((action) => ({ ...action, value: action.value.toString() })),
      tally: tallyStateToJson(proposal.tally),
    });
    const saved = await manager.save(ProposalEntity, row);
    return toProposal(saved, daoSlug);
  }

  /** With `lock`, the row stays locked (FOR UPDATE) until the caller's transaction ends. */
  /**
   * SUCCEEDED proposals of a DAO with on-chain actions (`proposalId`: that one), by end of voting:
   * what the DAO's Safe owes to execute.
   */
  async executable(
    manager: EntityManager,
    daoId: string,
    proposalId?: string,
  ): Promise<Array<{ id: string; actions: ProposalAction[] }>> {
    const query = manager
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .where('p.dao_id = :daoId', { daoId })
      .andWhere(`p.state = 'SUCCEEDED' AND jsonb_array_length(p.actions) > 0`)
      .orderBy('p.end_at')
      .addOrderBy('p.id');
    if (proposalId !== undefined) query.andWhere('p.id = :proposalId', { proposalId });
    const rows = await query.getMany();
    return rows.map((row) => ({ id: row.id, actions: row.actions.map(toAction) }));
  }

  /** The actions of the DAO's passed proposals not executed yet (SUCCEEDED or QUEUED). */
  async unexecutedActions(manager: EntityManager, daoId: string): Promise<ProposalAction[]> {
    const rows = await manager
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .where('p.dao_id = :daoId', { daoId })
      .andWhere(`p.state IN ('SUCCEEDED', 'QUEUED') AND jsonb_array_length(p.actions) > 0`)
      .getMany();
    return rows.flatMap((row) => row.actions.map(toAction));
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Proposal | null> {
    if (!isUuid(id)) return null;
    const row = await manager
      .getRepository(ProposalEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (row === null) return null;
    const dao = await this.daos.byId(row.daoId, manager);
    return toProposal(row, dao.slug);
  }

  /** Newest first. */
  async list(
    dao: { id: string; slug: string },
    filters: { state?: ProposalState | null; author?: string | null; voteType?: VoteType | null },
    page: PageRequest,
  ): Promise<Page<Proposal>> {
    const query = this.dataSource
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .where('p.dao_id = :daoId', { daoId: dao.id })
      .orderBy(CREATED_MS('p'), 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(page.first + 1);
    if (filters.state) query.andWhere('p.state = :state', { state: filters.state });
    if (filters.author) query.andWhere('p.author = :author', { author: filters.author });
    if (filters.voteType) query.andWhere('p.vote_type = :voteType', { voteType: filters.voteType });
    if (page.after !== undefined) {
      query.andWhere(`(${CREATED_MS('p')}, p.id) < (:key::timestamptz, :id::uuid)`, timeCursor(page.after));
    }
    const rows = await query.getMany();
    return toPage(
      rows.map((row) => toProposal(row, dao.slug)),
      page,
      (proposal) => ({ key: proposal.createdAt.toISOString(), id: proposal.id }),
    );
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: { state?: ProposalState; tally?: TallyState; voteCount?: number },
  ): Promise<void> {
    await manager.update(
      ProposalEntity,
      { id },
      {
        ...(changes.state === undefined ? {} : { state: changes.state }),
        ...(changes.tally === undefined ? {} : { tally: tallyStateToJson(changes.tally) }),
        ...(changes.voteCount === undefined ? {} : { voteCount: changes.voteCount }),
      },
    );
  }

  /**
   * What votes change, in one round trip and without a lock: the proposal's state, its kept tally
   * and the current vote of each of `voters`, with the row's version (its `xmin`, which every write
   * to the row changes) for `recordVotes` to check.
   */
  async readForVotes(proposalId: string, voters: readonly string[]): Promise<ProposalVoteState | null> {
    const rows: Array<{
      version: string;
      state: ProposalState;
      tally: object;
      vote_count: number;
      voter: string | null;
      choice: Vote['choice'];
      vp: string;
      signed_at: Date;
    }> = await this.dataSource.query(
      `SELECT p.xmin::text AS version, p.state, p.tally, p.vote_count, v.voter, v.choice, v.vp, v.signed_at
         FROM proposal p LEFT JOIN vote v ON v.proposal_id = p.id AND v.voter = ANY ($2::char(42)[])
        WHERE p.id = $1`,
      [proposalId, voters],
    );
    if (rows.length === 0) return null;
    const [first] = rows;
    return {
      version: first.version,
      state: first.state,
      tally: tallyStateFromJson(first.tally),
      voteCount: first.vote_count,
      votes: new Map(
        rows.flatMap((row) =>
          row.voter === null
            ? []
            : [[row.voter, { choice: row.choice, vp: BigInt(row.vp), signedAt: row.signed_at }] as const],
        ),
      ),
    };
  }

  /**
   * Stores `votes` (at most one per voter; each replaces the voter's earlier one), the proposal's new
   * tally and `audit` (the votes' audit-log rows) in one statement, which also sends `events` — only
   * if the proposal row is still at `state.version` and, when `state.votes` was not read, only if
   * none of the voters has voted and none of the votes is in the audit log. Answers the row's new
   * version, or null when nothing was written (nor sent).
   */
  async recordVotes(
    proposalId: string,
    state: Pick<ProposalVoteState, 'version' | 'votes'>,
    votes: ReadonlyArray<Omit<Vote, 'proposalId' | 'createdAt'>>,
    proposal: { tally: TallyState; voteCount: number },
    audit: AuditLogInsert,
    events: StatementEvents,
  ): Promise<string | null> {
    const channel = 10 + audit.params.length;
    const assumed =
      state.votes === null
        ? `AND NOT EXISTS (SELECT 1 FROM vote WHERE proposal_id = $1 AND voter = ANY ($3::char(42)[]))
           AND ${audit.unwritten(10)}`
        : '';
    const rows: Array<{ version: string | null }> = await this.dataSource.query(
      `WITH current AS (
         UPDATE proposal SET tally = $8, vote_count = $9, updated_at = now()
          WHERE id = $1 AND xmin = $2::text::xid ${assumed}
         RETURNING id, xmin::text AS version
       ), saved AS (
         INSERT INTO vote (proposal_id, voter, choice, vp, reason, signed_at)
         SELECT current.id, v.* FROM current,
                unnest($3::char(42)[], $4::jsonb[], $5::numeric[], $6::text[], $7::timestamptz[]) AS v
         ON CONFLICT (proposal_id, voter) DO UPDATE
           SET choice = EXCLUDED.choice, vp = EXCLUDED.vp, reason = EXCLUDED.reason,
               signed_at = EXCLUDED.signed_at, updated_at = now()
       ), audited AS (
         ${audit.sql(10, 'EXISTS (SELECT 1 FROM current)')}
       ), notified AS (
         SELECT pg_notify($${channel}, message) FROM current, unnest($${channel + 1}::text[]) AS message
       )
       -- A CTE that only selects runs only when it is read.
       SELECT (SELECT version FROM current) AS version, (SELECT count(*) FROM notified) AS notified`,
      [
        proposalId,
        state.version,
        votes.map((vote) => vote.voter),
        votes.map((vote) => JSON.stringify(vote.choice)),
        votes.map((vote) => vote.vp.toString()),
        votes.map((vote) => vote.reason),
        votes.map((vote) => vote.signedAt),
        JSON.stringify(tallyStateToJson(proposal.tally)),
        proposal.voteCount,
        ...audit.params,
        events.channel,
        events.messages,
      ],
    );
    return rows[0].version;
  }

  /**
   * A proposal's vote count and tally as they are now, and pages of its votes, in one statement:
   * one snapshot, so the pages list exactly the votes the count and the tally are made of however
   * votes are being cast meanwhile (a vote and the tally it changes are written by one statement
   * too). Null when there is no proposal. Each page's cursor is checked first (`checkVotePage`).
   */
  async snapshot(
    proposalId: string,
    pages: ReadonlyArray<{ orderBy: VoteOrder; page: PageRequest }>,
  ): Promise<{ tally: TallyState; voteCount: number; pages: Array<Page<Vote>> } | null> {
    const params: unknown[] = [proposalId];
    const param = (value: unknown) => `$${params.push(value)}`;
    // Each page as a JSON array, in its order: the page's rows (one more than asked, to tell
    // whether there is a next page), each vote's power as text and its times in milliseconds.
    const pageColumns = pages.map(({ orderBy, page }, index) => {
      checkVotePage(orderBy, page);
      const order = orderBy === 'VP' ? 'v.vp DESC, v.voter ASC' : `${CREATED_MS('v')} ASC, v.voter ASC`;
      let after = '';
      if (page.after !== undefined) {
        const [key, id] = [param(page.after.key), param(page.after.id)];
        after =
          orderBy === 'VP'
            ? `AND (v.vp < ${key}::numeric OR (v.vp = ${key}::numeric AND v.voter > ${id}))`
            : `AND (${CREATED_MS('v')}, v.voter) > (${key}::timestamptz, ${id})`;
      }
      return `(SELECT coalesce(json_agg(json_build_object(
                 'voter', v.voter, 'choice', v.choice, 'vp', v.vp::text, 'reason', v.reason,
                 'signedAt', (extract(epoch FROM date_trunc('milliseconds', v.signed_at)) * 1000)::bigint,
                 'createdAt', (extract(epoch FROM ${CREATED_MS('v')}) * 1000)::bigint)
               ORDER BY ${order}), '[]')
          FROM (SELECT * FROM vote v WHERE v.proposal_id = p.id ${after}
                 ORDER BY ${order} LIMIT ${param(page.first + 1)}) v) AS page_${index}`;
    });
    const rows: Array<Record<string, unknown> & { tally: object; vote_count: number }> =
      await this.dataSource.query(
        `SELECT p.tally, p.vote_count${pageColumns.map((column) => `, ${column}`).join('')}
           FROM proposal p WHERE p.id = $1`,
        params,
      );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      tally: tallyStateFromJson(row.tally),
      voteCount: row.vote_count,
      pages: pages.map(({ orderBy, page }, index) =>
        toPage(
          (row[`page_${index}`] as StoredVoteJson[]).map((vote) => ({
            proposalId,
            voter: Address.parse(vote.voter),
            choice: vote.choice,
            vp: BigInt(vote.vp),
            reason: vote.reason,
            signedAt: new Date(vote.signedAt),
            createdAt: new Date(vote.createdAt),
          })),
          page,
          (vote) => ({
            key: orderBy === 'VP' ? vote.vp.toString() : vote.createdAt.toISOString(),
            id: vote.voter,
          }),
        ),
      ),
    };
  }

  async allVotes(proposalId: string, manager: EntityManager = this.dataSource.manager): Promise<Vote[]> {
    const rows = await manager
      .getRepository(VoteEntity)
      .find({ where: { proposalId }, order: { voter: 'ASC' } });
    return rows.map(toVote);
  }

  /** Proposals whose stored state lags their deadlines (for the lifecycle sweeper). */
  async dueForTransition(now: Date): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where(
        "(p.state = 'PENDING' AND p.start_at <= :now) OR (p.state IN ('PENDING', 'ACTIVE') AND p.end_at <= :now)",
        { now },
      )
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}
