import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StatementLines, type StatementLine, type StatementSource } from '@guildhall/statements/lines';

interface PayoutRow {
  id: string;
  amount: string;
  status: string;
  tx_hash: string | null;
  paid_block: string | null;
  title: string;
  token: string;
  at: Date;
}

/** When a payout was owed: its bounty's acceptance (the accepted claim's decision). */
const PAYOUTS = `
  SELECT * FROM (
    SELECT p.id, p.payee, p.amount::text, p.status, p.tx_hash, p.paid_block::text, b.title, b.token,
           COALESCE(c.decided_at, b.created_at) AS at
      FROM bounty_payout p
      JOIN bounty b ON b.id = p.bounty_id
      LEFT JOIN bounty_claim c ON c.bounty_id = b.id AND c.state = 'ACCEPTED'
     WHERE b.dao_id = $1) payout
  WHERE at >= $2 AND at < $3`;

/** A contributor's bounty payouts on their statement, at the bounty's acceptance. */
@StatementLines()
@Injectable()
export class BountyStatementLines implements StatementSource {
  readonly name = 'bounties';

  async lines(
    daoId: string,
    contributor: string,
    from: Date,
    to: Date,
    manager: EntityManager,
  ): Promise<StatementLine[]> {
    const rows = await manager.query<PayoutRow[]>(`${PAYOUTS} AND payee = $4`, [
      daoId,
      from,
      to,
      contributor,
    ]);
    return rows.map((row) => ({
      kind: 'BOUNTY_PAYOUT',
      id: row.id,
      at: row.at,
      asset: { type: 'TOKEN', token: row.token },
      amount: BigInt(row.amount),
      status: row.status,
      counts: 'ALLOCATED_OWED',
      description: `Bounty ${row.title}`,
      detail: null,
      txHash: row.tx_hash,
      block: row.paid_block === null ? null : BigInt(row.paid_block),
    }));
  }

  async contributors(daoId: string, from: Date, to: Date, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ payee: string }>>(`SELECT DISTINCT payee FROM (${PAYOUTS}) p`, [
      daoId,
      from,
      to,
    ]);
    return rows.map((row) => row.payee);
  }
}
