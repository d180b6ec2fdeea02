import { Injectable } from '@nestjs/common';
import { isUuid } from '@guildhall/core';
import type { EntityManager } from 'typeorm';
import { getAddress, type Address, type Hex } from 'viem';
import type { RevenueShareState } from '../domain/revenue.js';

/** An allocation of a revenue share the treasury has yet to pay, with what signers are told about it. */
export interface DueAllocation {
  readonly id: string;
  readonly shareId: string;
  readonly token: Address;
  readonly payee: Address;
  /** The payee's contributor handle in the DAO, when it has a profile. */
  readonly handle: string | null;
  readonly amount: bigint;
  readonly target: string;
  readonly model: string | null;
  readonly reference: string;
}

/** Revenue share allocations as the treasury pays them, in PostgreSQL. */
@Injectable()
export class RevenuePayablesRepository {
  /**
   * Unpaid allocations (PENDING or IN_FLIGHT) of the DAO's COMPUTED or PAYING shares (`shareId`: of
   * one share), oldest share first, then by payee.
   */
  async due(manager: EntityManager, daoId: string, shareId?: string): Promise<DueAllocation[]> {
    const rows: Array<{
      id: string;
      share_id: string;
      token: string;
      holder: string;
      handle: string | null;
      amount: string;
      target: string;
      model: string | null;
      reference: string;
    }> = await manager.query(
      `SELECT a.id, a.share_id, r.token, a.holder, p.handle, a.amount::text AS amount, s.target, s.model,
              r.reference
         FROM revenue_share_allocation a
         JOIN revenue_share s ON s.id = a.share_id
         JOIN revenue_record r ON r.id = s.revenue_id
         LEFT JOIN contributor_profile p ON p.dao_id = s.dao_id AND p.address = a.holder
        WHERE s.dao_id = $1 AND s.state IN ('COMPUTED', 'PAYING')
          AND a.status IN ('PENDING', 'IN_FLIGHT')
          AND ($2::uuid IS NULL OR s.id = $2::uuid)
        ORDER BY s.created_at, s.id, a.holder`,
      [daoId, shareId ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      shareId: row.share_id,
      token: getAddress(row.token),
      payee: getAddress(row.holder),
      handle: row.handle,
      amount: BigInt(row.amount),
      target: row.target,
      model: row.model,
      reference: row.reference,
    }));
  }

  /** What the DAO's COMPUTED or PAYING shares of `token` still owe: their PENDING and IN_FLIGHT allocations. */
  async outstanding(manager: EntityManager, daoId: string, token: Address): Promise<bigint> {
    const [row] = await manager.query<Array<{ owed: string }>>(
      `SELECT coalesce(sum(a.amount), 0)::text AS owed
         FROM revenue_share_allocation a
         JOIN revenue_share s ON s.id = a.share_id
         JOIN revenue_record r ON r.id = s.revenue_id
        WHERE s.dao_id = $1 AND lower(r.token) = lower($2) AND s.state IN ('COMPUTED', 'PAYING')
          AND a.status IN ('PENDING', 'IN_FLIGHT')`,
      [daoId, token],
    );
    return BigInt(row.owed);
  }

  /** The shares the allocations belong to, each once. */
  async sharesOf(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    const rows: Array<{ share_id: string }> = await manager.query(
      `SELECT DISTINCT share_id FROM revenue_share_allocation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => row.share_id);
  }

  /** PENDING allocations become IN_FLIGHT (and back with `inFlight` false). */
  async setInFlight(manager: EntityManager, ids: readonly string[], inFlight: boolean): Promise<void> {
    const [from, to] = inFlight ? ['PENDING', 'IN_FLIGHT'] : ['IN_FLIGHT', 'PENDING'];
    await manager.query(
      `UPDATE revenue_share_allocation SET status = $3 WHERE id = ANY($1::uuid[]) AND status = $2`,
      [ids, from, to],
    );
  }

  /** Marks the allocations PAID by the Ethereum transaction `txHash` (those not paid yet). */
  async pay(manager: EntityManager, ids: readonly string[], txHash: Hex, block: bigint): Promise<void> {
    await manager.query(
      `UPDATE revenue_share_allocation SET status = 'PAID', tx_hash = $2, paid_block = $3
        WHERE id = ANY($1::uuid[]) AND status IN ('PENDING', 'IN_FLIGHT')`,
      [ids, txHash, block.toString()],
    );
  }

  async unpaid(manager: EntityManager, shareId: string): Promise<number> {
    const [row] = await manager.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM revenue_share_allocation
        WHERE share_id = $1 AND status IN ('PENDING', 'IN_FLIGHT')`,
      [shareId],
    );
    return row.count;
  }

  /** Moves the share to `to` when it is in one of `from`. */
  async moveShare(
    manager: EntityManager,
    shareId: string,
    from: readonly RevenueShareState[],
    to: RevenueShareState,
  ): Promise<void> {
    await manager.query(`UPDATE revenue_share SET state = $3 WHERE id = $1 AND state = ANY($2::text[])`, [
      shareId,
      from,
      to,
    ]);
  }

  /** The DAO and state of a share, or null when there is no such share. */
  async find(manager: EntityManager, shareId: string): Promise<{ daoId: string; state: string } | null> {
    if (!isUuid(shareId)) return null;
    const rows: Array<{ dao_id: string; state: string }> = await manager.query(
      `SELECT dao_id, state FROM revenue_share WHERE id = $1`,
      [shareId],
    );
    return rows.length === 0 ? null : { daoId: rows[0].dao_id, state: rows[0].state };
  }
}
