import { Injectable } from '@nestjs/common';
import { ContributorProfileEntity } from '@guildhall/contributions/datasources';
import { In, type EntityManager } from 'typeorm';
import { getAddress, type Address, type Hex } from 'viem';
import { RoundAllocationEntity, RoundEntity, VestingTrancheEntity } from './round.entity.db.js';

/** A due vesting tranche, with what signers are told about it. */
export interface DueTranche {
  readonly id: string;
  readonly roundId: string;
  readonly roundName: string;
  readonly token: Address;
  readonly recipient: Address;
  readonly amount: bigint;
  readonly pool: string;
  /** The attestations the allocation pays for; none for reviewer dividends. */
  readonly attestations: readonly string[];
  readonly handle: string | null;
}

/** Vesting tranches as the treasury pays them, in PostgreSQL. */
@Injectable()
export class TranchePayablesRepository {
  /**
   * Unlocked, unpaid tranches of a DAO's finalized rounds (`roundId`: of one round), rounds by review
   * deadline, then each round's tranches in a stable order.
   */
  async due(manager: EntityManager, daoId: string, now: Date, roundId?: string): Promise<DueTranche[]> {
    const query = manager
      .getRepository(VestingTrancheEntity)
      .createQueryBuilder('t')
      .innerJoin(RoundEntity, 'r', 'r.id = t.round_id')
      .leftJoin(
        RoundAllocationEntity,
        'a',
        'a.round_id = t.round_id AND a.pool = t.pool AND a.recipient = t.recipient',
      )
      .select([
        't.id AS id',
        't.round_id AS round_id',
        'r.name AS round_name',
        'r.token AS token',
        't.recipient AS recipient',
        't.pool AS pool',
        'a.explanation AS explanation',
      ])
      .addSelect('t.amount::text', 'amount')
      .where('r.dao_id = :daoId', { daoId })
      .andWhere(`r.state IN ('FINALIZED', 'PAYING')`)
      .andWhere(`t.status = 'PENDING' AND t.amount > 0 AND t.unlock_at <= :now`, { now })
      .orderBy('r.review_deadline')
      .addOrderBy('t.round_id')
      .addOrderBy('t.unlock_at')
      .addOrderBy('t.recipient')
      .addOrderBy('t.pool')
      .addOrderBy('t.seq');
    if (roundId !== undefined) query.andWhere('t.round_id = :roundId', { roundId });
    const rows = await query.getRawMany<{
      id: string;
      round_id: string;
      round_name: string;
      token: string;
      recipient: string;
      pool: string;
      explanation: { details?: { attestations?: Array<{ id: string }> } } | null;
      amount: string;
    }>();
    const handles = await this.handles(
      manager,
      daoId,
      rows.map((row) => getAddress(row.recipient)),
    );
    return rows.map((row) => ({
      id: row.id,
      roundId: row.round_id,
      roundName: row.round_name,
      token: getAddress(row.token),
      recipient: getAddress(row.recipient),
      amount: BigInt(row.amount),
      pool: row.pool,
      attestations: (row.explanation?.details?.attestations ?? []).map((attestation) => attestation.id),
      handle: handles.get(getAddress(row.recipient)) ?? null,
    }));
  }

  /**
   * What the DAO's FINALIZED or PAYING rounds of `token` still owe: every unpaid tranche, unlocked
   * (due or in flight) or not yet.
   */
  async outstanding(manager: EntityManager, daoId: string, token: Address): Promise<bigint> {
    const [row] = await manager.query<Array<{ owed: string }>>(
      `SELECT coalesce(sum(t.amount), 0)::text AS owed
         FROM vesting_tranche t
         JOIN reward_round r ON r.id = t.round_id
        WHERE r.dao_id = $1 AND lower(r.token) = lower($2) AND r.state IN ('FINALIZED', 'PAYING') AND t.status = 'PENDING'`,
      [daoId, token],
    );
    return BigInt(row.owed);
  }

  /** The handles of the contributors among `addresses` in the DAO. */
  private async handles(
    manager: EntityManager,
    daoId: string,
    addresses: readonly Address[],
  ): Promise<Map<string, string>> {
    if (addresses.length === 0) return new Map();
    const rows = await manager
      .getRepository(ContributorProfileEntity)
      .findBy({ daoId, address: In([...new Set(addresses)]) });
    return new Map(rows.map((row) => [row.address, row.handle]));
  }

  /** The rounds the tranches belong to, each once. */
  async roundsOf(manager: EntityManager, trancheIds: readonly string[]): Promise<string[]> {
    const rows: Array<{ round_id: string }> = await manager
      .getRepository(VestingTrancheEntity)
      .createQueryBuilder('t')
      .select('DISTINCT t.round_id', 'round_id')
      .where({ id: In([...trancheIds]) })
      .getRawMany();
    return rows.map((row) => row.round_id);
  }

  /** Marks the tranches PAID by the Ethereum transaction `txHash` (those still PENDING). */
  async pay(
    manager: EntityManager,
    trancheIds: readonly string[],
    txHash: Hex,
    block: bigint,
  ): Promise<void> {
    await manager.query(
      `UPDATE vesting_tranche SET status = 'PAID', tx_hash = $2, paid_block = $3
        WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [trancheIds, txHash, block.toString()],
    );
  }

  async unpaid(manager: EntityManager, roundId: string): Promise<number> {
    return manager.getRepository(VestingTrancheEntity).countBy({ roundId, status: 'PENDING' });
  }
}
