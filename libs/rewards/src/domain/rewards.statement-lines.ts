import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StatementLines, type StatementLine, type StatementSource } from '@guildhall/statements/lines';

interface AllocationRow {
  round_id: string;
  pool: string;
  amount: string;
  explanation: { poolAmount?: string; plainShare?: string; outcome?: { rule?: string } };
  name: string;
  token: string;
  finalized_at: Date;
}

interface TrancheRow {
  id: string;
  pool: string;
  seq: number;
  amount: string;
  unlock_at: Date;
  status: string;
  tx_hash: string | null;
  paid_block: string | null;
  name: string;
  token: string;
}

interface RevenueRow {
  id: string;
  amount: string;
  status: string;
  tx_hash: string | null;
  paid_block: string | null;
  created_at: Date;
  target: string;
  model: string | null;
  reference: string;
  token: string;
}

/** "PRO_RATA share of a pool of 1000 (plain share 250)": how the allocation was settled, in short. */
const summary = (explanation: AllocationRow['explanation']): string | null =>
  explanation.outcome?.rule === undefined
    ? null
    : `${explanation.outcome.rule} share of a pool of ${explanation.poolAmount} (plain share ${explanation.plainShare})`;

/**
 * A contributor's rewards on their statement: round allocations (at the round's finalization),
 * vesting tranches (at their unlock) and revenue share allocations (at the share's computation).
 */
@StatementLines()
@Injectable()
export class RewardsStatementLines implements StatementSource {
  readonly name = 'rewards';

  async lines(
    daoId: string,
    contributor: string,
    from: Date,
    to: Date,
    manager: EntityManager,
  ): Promise<StatementLine[]> {
    const params = [daoId, contributor, from, to];
    const [allocations, tranches, revenue] = [
      await manager.query<AllocationRow[]>(
        `SELECT a.round_id, a.pool, a.amount::text, a.explanation, r.name, r.token, r.finalized_at
           FROM round_allocation a JOIN reward_round r ON r.id = a.round_id
          WHERE r.dao_id = $1 AND a.recipient = $2 AND a.amount > 0 AND r.state <> 'CANCELED'
            AND r.finalized_at >= $3 AND r.finalized_at < $4`,
        params,
      ),
      await manager.query<TrancheRow[]>(
        `SELECT t.id, t.pool, t.seq, t.amount::text, t.unlock_at, t.status, t.tx_hash, t.paid_block::text,
                r.name, r.token
           FROM vesting_tranche t JOIN reward_round r ON r.id = t.round_id
          WHERE r.dao_id = $1 AND t.recipient = $2 AND t.unlock_at >= $3 AND t.unlock_at < $4`,
        params,
      ),
      await manager.query<RevenueRow[]>(
        `SELECT a.id, a.amount::text, a.status, a.tx_hash, a.paid_block::text, s.created_at, s.target,
                s.model, rr.reference, rr.token
           FROM revenue_share_allocation a
           JOIN revenue_share s ON s.id = a.share_id
           JOIN revenue_record rr ON rr.id = s.revenue_id
          WHERE s.dao_id = $1 AND a.holder = $2 AND s.created_at >= $3 AND s.created_at < $4`,
        params,
      ),
    ];
    return [
      ...allocations.map((row): StatementLine => ({
        kind: 'ROUND_ALLOCATION',
        id: `${row.round_id}/${row.pool}/${contributor}`,
        at: row.finalized_at,
        asset: { type: 'TOKEN', token: row.token },
        amount: BigInt(row.amount),
        status: null,
        counts: 'ALLOCATED',
        description: `${row.name}, pool ${row.pool}`,
        detail: summary(row.explanation),
        txHash: null,
        block: null,
      })),
      ...tranches.map((row): StatementLine => ({
        kind: 'VESTING_TRANCHE',
        id: row.id,
        at: row.unlock_at,
        asset: { type: 'TOKEN', token: row.token },
        amount: BigInt(row.amount),
        status: row.status,
        counts: 'OWED',
        description: `${row.name}, pool ${row.pool}, tranche ${row.seq}`,
        detail: null,
        txHash: row.tx_hash,
        block: row.paid_block === null ? null : BigInt(row.paid_block),
      })),
      ...revenue.map((row): StatementLine => ({
        kind: 'REVENUE_ALLOCATION',
        id: row.id,
        at: row.created_at,
        asset: { type: 'TOKEN', token: row.token },
        amount: BigInt(row.amount),
        status: row.status,
        // Below the share's minimum payout: carried over to the next share's pool, not the payee's.
        counts: row.status === 'CARRIED' ? 'RECORD' : 'ALLOCATED_OWED',
        description: `Revenue ${row.reference}`,
        detail: row.model === null ? row.target : `${row.target} ${row.model}`,
        txHash: row.tx_hash,
        block: row.paid_block === null ? null : BigInt(row.paid_block),
      })),
    ];
  }

  async contributors(daoId: string, from: Date, to: Date, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ address: string }>>(
      `SELECT a.recipient AS address FROM round_allocation a JOIN reward_round r ON r.id = a.round_id
        WHERE r.dao_id = $1 AND a.amount > 0 AND r.state <> 'CANCELED' AND r.finalized_at >= $2 AND r.finalized_at < $3
       UNION
       SELECT t.recipient FROM vesting_tranche t JOIN reward_round r ON r.id = t.round_id
        WHERE r.dao_id = $1 AND t.unlock_at >= $2 AND t.unlock_at < $3
       UNION
       SELECT a.holder FROM revenue_share_allocation a JOIN revenue_share s ON s.id = a.share_id
        WHERE s.dao_id = $1 AND s.created_at >= $2 AND s.created_at < $3`,
      [daoId, from, to],
    );
    return rows.map((row) => row.address);
  }
}
