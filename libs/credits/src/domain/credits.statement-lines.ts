import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  StatementLines,
  type StatementLine,
  type StatementLineKind,
  type StatementSource,
} from '@guildhall/statements/lines';

interface PostingRow {
  transfer_id: string;
  kind: string;
  reference: string | null;
  created_at: Date;
  amount: string;
  code: string;
  unit: string;
  scale: number;
  effective_at: Date | null;
  expires_at: Date | null;
}

const KINDS: Record<string, StatementLineKind> = {
  GRANT: 'CREDIT_GRANT',
  SPEND: 'CREDIT_SPEND',
  CAPTURE: 'CREDIT_SPEND',
  EXPIRY: 'CREDIT_EXPIRY',
};

/** A contributor's credits on their statement: grants, spends (and captures), expiries, when journaled. */
@StatementLines()
@Injectable()
export class CreditsStatementLines implements StatementSource {
  readonly name = 'credits';

  async lines(
    daoId: string,
    contributor: string,
    from: Date,
    to: Date,
    manager: EntityManager,
  ): Promise<StatementLine[]> {
    const rows = await manager.query<PostingRow[]>(
      `SELECT t.id AS transfer_id, t.kind, t.reference, t.created_at, p.amount::text, ct.code, ct.unit,
              ct.scale, g.effective_at, g.expires_at
         FROM credit_posting p
         JOIN credit_account a ON a.id = p.account_id
         JOIN credit_transfer t ON t.id = p.transfer_id
         JOIN credit_type ct ON ct.id = p.credit_type_id
         LEFT JOIN credit_grant g ON g.transfer_id = t.id
        WHERE a.dao_id = $1 AND a.kind = 'CONTRIBUTOR' AND a.owner = $2
          AND t.created_at >= $3 AND t.created_at < $4`,
      [daoId, contributor, from, to],
    );
    return rows.map((row) => {
      const amount = BigInt(row.amount);
      const kind = KINDS[row.kind];
      return {
        kind,
        id: `${row.transfer_id}/${row.code}`,
        at: row.created_at,
        asset: { type: 'CREDIT', code: row.code, unit: row.unit, scale: row.scale },
        amount: amount < 0n ? -amount : amount,
        status: null,
        counts: kind === 'CREDIT_GRANT' ? 'ALLOCATED' : 'RECORD',
        description:
          row.reference === null || row.reference === '' ? row.kind : `${row.kind} ${row.reference}`,
        detail: grantWindow(row),
        txHash: null,
        block: null,
      };
    });
  }

  async contributors(daoId: string, from: Date, to: Date, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ owner: string }>>(
      `SELECT DISTINCT a.owner
         FROM credit_posting p
         JOIN credit_account a ON a.id = p.account_id
         JOIN credit_transfer t ON t.id = p.transfer_id
        WHERE a.dao_id = $1 AND a.kind = 'CONTRIBUTOR' AND t.created_at >= $2 AND t.created_at < $3`,
      [daoId, from, to],
    );
    return rows.map((row) => row.owner);
  }
}

const grantWindow = (row: PostingRow): string | null =>
  row.effective_at === null
    ? null
    : `effective ${row.effective_at.toISOString()}${row.expires_at === null ? '' : `, expires ${row.expires_at.toISOString()}`}`;
