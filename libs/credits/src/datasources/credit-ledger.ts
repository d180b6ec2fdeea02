import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CreditAccount,
  CreditAccountKind,
  CreditBalance,
  CreditGrant,
  CreditHold,
  CreditHoldStatus,
  CreditPosting,
  CreditsConsistency,
  CreditTransfer,
  CreditTransferKind,
  CreditType,
  NewCreditType,
} from '../domain/credits.js';
import type { Lot } from '../domain/lots.js';

type Row = Record<string, unknown>;

const big = (value: unknown): bigint => BigInt(value as string);
const nullableBig = (value: unknown): bigint | null => (value === null ? null : big(value));

const creditTypeOf = (row: Row): CreditType => ({
  id: row.id as string,
  daoId: row.dao_id as string,
  code: row.code as string,
  name: row.name as string,
  unit: row.unit as string,
  scale: row.scale as number,
  createdAt: row.created_at as Date,
});

const balanceOf = (row: Row): CreditBalance => {
  const balance = big(row.balance);
  const held = big(row.held);
  return {
    accountId: row.account_id as string,
    creditTypeId: row.credit_type_id as string,
    balance,
    held,
    available: balance - held,
  };
};

const grantOf = (row: Row): CreditGrant => ({
  id: row.transfer_id as string,
  accountId: row.account_id as string,
  creditTypeId: row.credit_type_id as string,
  amount: big(row.amount),
  remaining: big(row.remaining),
  effectiveAt: row.effective_at as Date,
  expiresAt: row.expires_at as Date | null,
});

const holdOf = (row: Row): CreditHold => ({
  id: row.id as string,
  daoId: row.dao_id as string,
  clientKey: row.client_key as string,
  accountId: row.account_id as string,
  spendAccountId: row.spend_account_id as string,
  service: row.service as string,
  creditTypeId: row.credit_type_id as string,
  amount: big(row.amount),
  status: row.status as CreditHoldStatus,
  captured: nullableBig(row.captured),
  captureTransferId: row.capture_transfer_id as string | null,
  reference: row.reference as string | null,
  expiresAt: row.expires_at as Date,
  createdAt: row.created_at as Date,
  closedAt: row.closed_at as Date | null,
});

/** A hold with its spend account's service name. */
const HOLD = `SELECT h.*, s.owner AS service FROM credit_hold h JOIN credit_account s ON s.id = h.spend_account_id`;

const lotOf = (row: Row): Lot => ({
  grantId: row.grant_id as string,
  remaining: big(row.amount),
  expiresAt: row.expires_at as Date | null,
  effectiveAt: row.effective_at as Date,
});

/** Amounts and ids as arrays for `unnest`, so that a statement writes any number of rows. */
const columns = <T>(rows: readonly T[], ...pick: Array<(row: T) => unknown>): unknown[][] =>
  pick.map((column) =>
    rows.map((row) => {
      const value = column(row);
      return typeof value === 'bigint' ? value.toString() : value;
    }),
  );

/**
 * The ledger's SQL. Every write runs on the caller's transaction (`manager`); the database keeps
 * the journal balanced and append-only and the balances current (the migration's triggers).
 */
@Injectable()
export class CreditLedger {
  async createCreditType(
    manager: EntityManager,
    daoId: string,
    type: NewCreditType,
  ): Promise<CreditType | null> {
    const rows: Row[] = await manager.query(
      `INSERT INTO credit_type (dao_id, code, name, unit, scale) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dao_id, code) DO NOTHING RETURNING *`,
      [daoId, type.code, type.name, type.unit, type.scale],
    );
    return rows.length === 0 ? null : creditTypeOf(rows[0]);
  }

  async creditType(manager: EntityManager, daoId: string, code: string): Promise<CreditType | null> {
    const rows: Row[] = await manager.query(`SELECT * FROM credit_type WHERE dao_id = $1 AND code = $2`, [
      daoId,
      code,
    ]);
    return rows.length === 0 ? null : creditTypeOf(rows[0]);
  }

  async creditTypes(manager: EntityManager, daoId: string): Promise<CreditType[]> {
    const rows: Row[] = await manager.query(`SELECT * FROM credit_type WHERE dao_id = $1 ORDER BY code`, [
      daoId,
    ]);
    return rows.map(creditTypeOf);
  }

  async creditTypesById(manager: EntityManager, ids: readonly string[]): Promise<CreditType[]> {
    const rows: Row[] = await manager.query(`SELECT * FROM credit_type WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(creditTypeOf);
  }

  /** The account, created on first use. */
  async account(
    manager: EntityManager,
    daoId: string,
    kind: CreditAccountKind,
    owner: string,
  ): Promise<CreditAccount> {
    const find = async (): Promise<Row[]> =>
      manager.query(`SELECT id FROM credit_account WHERE dao_id = $1 AND kind = $2 AND owner = $3`, [
        daoId,
        kind,
        owner,
      ]);
    let rows = await find();
    if (rows.length === 0) {
      rows = await manager.query(
        `INSERT INTO credit_account (dao_id, kind, owner) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [daoId, kind, owner],
      );
      // A concurrent transaction created it first: it is committed now, so a new statement sees it.
      if (rows.length === 0) rows = await find();
    }
    return { id: rows[0].id as string, daoId, kind, owner };
  }

  /** An existing account, or null (reads never create one). */
  async findAccount(
    manager: EntityManager,
    daoId: string,
    kind: CreditAccountKind,
    owner: string,
  ): Promise<CreditAccount | null> {
    const rows: Row[] = await manager.query(
      `SELECT id FROM credit_account WHERE dao_id = $1 AND kind = $2 AND owner = $3`,
      [daoId, kind, owner],
    );
    return rows.length === 0 ? null : { id: rows[0].id as string, daoId, kind, owner };
  }

  /**
   * Locks the balance rows of a contributor's account in `creditTypeId` (created when missing)
   * until the transaction ends: every change of its balance, held amount and grants' remainders
   * takes this lock first, so concurrent spends queue instead of overdrawing. The DAO account
   * on the other side of a transfer is locked after it, by the posting, always last: no deadlock.
   */
  async lockBalance(manager: EntityManager, accountId: string, creditTypeId: string): Promise<CreditBalance> {
    await manager.query(
      `INSERT INTO credit_balance (account_id, credit_type_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [accountId, creditTypeId],
    );
    const rows: Row[] = await manager.query(
      `SELECT * FROM credit_balance WHERE account_id = $1 AND credit_type_id = $2 FOR UPDATE`,
      [accountId, creditTypeId],
    );
    return balanceOf(rows[0]);
  }

  async balances(manager: EntityManager, accountId: string): Promise<CreditBalance[]> {
    const rows: Row[] = await manager.query(
      `SELECT b.* FROM credit_balance b JOIN credit_type t ON t.id = b.credit_type_id
        WHERE b.account_id = $1 ORDER BY t.code`,
      [accountId],
    );
    return rows.map(balanceOf);
  }

  async addHeld(
    manager: EntityManager,
    accountId: string,
    creditTypeId: string,
    delta: bigint,
  ): Promise<void> {
    await manager.query(
      `UPDATE credit_balance SET held = held + $3 WHERE account_id = $1 AND credit_type_id = $2`,
      [accountId, creditTypeId, delta.toString()],
    );
  }

  async transferByKey(
    manager: EntityManager,
    daoId: string,
    clientKey: string,
  ): Promise<{ id: string; bodyHash: string } | null> {
    const rows: Row[] = await manager.query(
      `SELECT id, body_hash FROM credit_transfer WHERE dao_id = $1 AND client_key = $2`,
      [daoId, clientKey],
    );
    return rows.length === 0 ? null : { id: rows[0].id as string, bodyHash: rows[0].body_hash as string };
  }

  /**
   * Writes a transfer and its postings (the posting trigger moves the balances). Postings go in
   * the order given: the contributor's first, the DAO account's last (see `lockBalance`).
   */
  async post(
    manager: EntityManager,
    transfer: {
      daoId: string;
      kind: CreditTransferKind;
      clientKey: string;
      bodyHash: string;
      reference: string | null;
    },
    postings: readonly CreditPosting[],
  ): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO credit_transfer (dao_id, kind, client_key, body_hash, reference) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [transfer.daoId, transfer.kind, transfer.clientKey, transfer.bodyHash, transfer.reference],
    );
    await manager.query(
      `INSERT INTO credit_posting (transfer_id, account_id, credit_type_id, amount)
       SELECT $1, p.account_id, p.credit_type_id, p.amount
         FROM unnest($2::uuid[], $3::uuid[], $4::numeric[]) WITH ORDINALITY AS p(account_id, credit_type_id, amount, n)
        ORDER BY p.n`,
      [
        id,
        ...columns(
          postings,
          (p) => p.accountId,
          (p) => p.creditTypeId,
          (p) => p.amount,
        ),
      ],
    );
    return id;
  }

  async transfer(manager: EntityManager, id: string): Promise<CreditTransfer> {
    return (await this.transfersById(manager, [id]))[0];
  }

  async transfersById(manager: EntityManager, ids: readonly string[]): Promise<CreditTransfer[]> {
    const rows: Row[] = await manager.query(`SELECT * FROM credit_transfer WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    const postings: Row[] = await manager.query(
      `SELECT p.*, a.kind, a.owner, t.code FROM credit_posting p
         JOIN credit_account a ON a.id = p.account_id JOIN credit_type t ON t.id = p.credit_type_id
        WHERE p.transfer_id = ANY($1::uuid[]) ORDER BY p.amount, p.account_id`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      if (row === undefined) return [];
      return [
        {
          id,
          daoId: row.dao_id as string,
          kind: row.kind as CreditTransferKind,
          clientKey: row.client_key as string,
          reference: row.reference as string | null,
          createdAt: row.created_at as Date,
          postings: postings
            .filter((posting) => posting.transfer_id === id)
            .map((posting) => ({
              accountId: posting.account_id as string,
              creditTypeId: posting.credit_type_id as string,
              amount: big(posting.amount),
              accountKind: posting.kind as CreditAccountKind,
              owner: posting.owner as string,
              creditType: posting.code as string,
            })),
        },
      ];
    });
  }

  /** A page of a DAO's transfers, newest first (keyset on created_at, id); `accountId` narrows it. */
  async transfers(
    manager: EntityManager,
    daoId: string,
    page: { first: number; after?: { key: string; id: string } },
    accountId?: string,
  ): Promise<CreditTransfer[]> {
    const params: unknown[] = [daoId, page.first + 1];
    const where = ['t.dao_id = $1'];
    if (accountId !== undefined) {
      params.push(accountId);
      where.push(
        `EXISTS (SELECT 1 FROM credit_posting p WHERE p.transfer_id = t.id AND p.account_id = $${params.length})`,
      );
    }
    if (page.after !== undefined) {
      params.push(page.after.key, page.after.id);
      where.push(`(t.created_at, t.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT t.id FROM credit_transfer t WHERE ${where.join(' AND ')} ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
      params,
    );
    return this.transfersById(
      manager,
      rows.map((row) => row.id),
    );
  }

  async insertGrant(
    manager: EntityManager,
    grant: {
      transferId: string;
      accountId: string;
      creditTypeId: string;
      amount: bigint;
      effectiveAt: Date;
      expiresAt: Date | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO credit_grant (transfer_id, account_id, credit_type_id, amount, remaining, effective_at, expires_at)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [
        grant.transferId,
        grant.accountId,
        grant.creditTypeId,
        grant.amount.toString(),
        grant.effectiveAt,
        grant.expiresAt,
      ],
    );
  }

  async grant(manager: EntityManager, id: string): Promise<CreditGrant | null> {
    const rows: Row[] = await manager.query(`SELECT * FROM credit_grant WHERE transfer_id = $1`, [id]);
    return rows.length === 0 ? null : grantOf(rows[0]);
  }

  async grants(manager: EntityManager, accountId: string): Promise<CreditGrant[]> {
    const rows: Row[] = await manager.query(
      `SELECT * FROM credit_grant WHERE account_id = $1 ORDER BY expires_at ASC NULLS LAST, effective_at, transfer_id`,
      [accountId],
    );
    return rows.map(grantOf);
  }

  /** The lots a spend may take from at `at`: effective, unexpired, with something left. */
  async spendableLots(
    manager: EntityManager,
    accountId: string,
    creditTypeId: string,
    at: Date,
  ): Promise<Lot[]> {
    const rows: Row[] = await manager.query(
      `SELECT transfer_id AS grant_id, remaining AS amount, expires_at, effective_at FROM credit_grant
        WHERE account_id = $1 AND credit_type_id = $2 AND remaining > 0
          AND effective_at <= $3 AND (expires_at IS NULL OR expires_at > $3)`,
      [accountId, creditTypeId, at],
    );
    return rows.map(lotOf);
  }

  /** Adds `delta` (negative: takes) to each grant's remainder. */
  async moveRemaining(
    manager: EntityManager,
    lots: ReadonlyArray<{ grantId: string; amount: bigint }>,
    sign: 1n | -1n,
  ): Promise<void> {
    if (lots.length === 0) return;
    await manager.query(
      `UPDATE credit_grant g SET remaining = g.remaining + u.amount
         FROM unnest($1::uuid[], $2::numeric[]) AS u(id, amount) WHERE g.transfer_id = u.id`,
      columns(
        lots,
        (lot) => lot.grantId,
        (lot) => lot.amount * sign,
      ),
    );
  }

  async recordUses(
    manager: EntityManager,
    transferId: string,
    uses: ReadonlyArray<{ grantId: string; amount: bigint }>,
  ): Promise<void> {
    if (uses.length === 0) return;
    await manager.query(
      `INSERT INTO credit_grant_use (transfer_id, grant_id, amount) SELECT $1, u.id, u.amount FROM unnest($2::uuid[], $3::numeric[]) AS u(id, amount)`,
      [
        transferId,
        ...columns(
          uses,
          (use) => use.grantId,
          (use) => use.amount,
        ),
      ],
    );
  }

  async holdByKey(
    manager: EntityManager,
    daoId: string,
    clientKey: string,
  ): Promise<{ hold: CreditHold; bodyHash: string } | null> {
    const rows: Row[] = await manager.query(`${HOLD} WHERE h.dao_id = $1 AND h.client_key = $2`, [
      daoId,
      clientKey,
    ]);
    return rows.length === 0 ? null : { hold: holdOf(rows[0]), bodyHash: rows[0].body_hash as string };
  }

  async hold(manager: EntityManager, id: string, lock = false): Promise<CreditHold | null> {
    const rows: Row[] = await manager.query(`${HOLD} WHERE h.id = $1 ${lock ? 'FOR UPDATE OF h' : ''}`, [id]);
    return rows.length === 0 ? null : holdOf(rows[0]);
  }

  async holdByCapture(manager: EntityManager, transferId: string): Promise<CreditHold | null> {
    const rows: Row[] = await manager.query(`${HOLD} WHERE h.capture_transfer_id = $1`, [transferId]);
    return rows.length === 0 ? null : holdOf(rows[0]);
  }

  async holds(manager: EntityManager, accountId: string): Promise<CreditHold[]> {
    const rows: Row[] = await manager.query(
      `${HOLD} WHERE h.account_id = $1 ORDER BY h.created_at DESC, h.id`,
      [accountId],
    );
    return rows.map(holdOf);
  }

  async insertHold(
    manager: EntityManager,
    hold: {
      daoId: string;
      clientKey: string;
      bodyHash: string;
      accountId: string;
      spendAccountId: string;
      creditTypeId: string;
      amount: bigint;
      reference: string | null;
      expiresAt: Date;
    },
    lots: ReadonlyArray<{ grantId: string; amount: bigint }>,
  ): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO credit_hold (dao_id, client_key, body_hash, account_id, spend_account_id, credit_type_id, amount, reference, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        hold.daoId,
        hold.clientKey,
        hold.bodyHash,
        hold.accountId,
        hold.spendAccountId,
        hold.creditTypeId,
        hold.amount.toString(),
        hold.reference,
        hold.expiresAt,
      ],
    );
    await manager.query(
      `INSERT INTO credit_hold_lot (hold_id, grant_id, amount) SELECT $1, u.id, u.amount FROM unnest($2::uuid[], $3::numeric[]) AS u(id, amount)`,
      [
        id,
        ...columns(
          lots,
          (lot) => lot.grantId,
          (lot) => lot.amount,
        ),
      ],
    );
    return id;
  }

  /** The lots a hold reserved, with their grants' expiry and effective time (to capture in priority order). */
  async holdLots(manager: EntityManager, holdId: string): Promise<Lot[]> {
    const rows: Row[] = await manager.query(
      `SELECT l.grant_id, l.amount, g.expires_at, g.effective_at FROM credit_hold_lot l
         JOIN credit_grant g ON g.transfer_id = l.grant_id WHERE l.hold_id = $1`,
      [holdId],
    );
    return rows.map(lotOf);
  }

  async closeHold(
    manager: EntityManager,
    id: string,
    close: { status: CreditHoldStatus; captured?: bigint; captureTransferId?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE credit_hold SET status = $2, captured = $3, capture_transfer_id = $4, closed_at = now() WHERE id = $1`,
      [id, close.status, close.captured?.toString() ?? null, close.captureTransferId ?? null],
    );
  }

  /** Active holds past their timeout, oldest first. */
  async timedOutHolds(
    manager: EntityManager,
    at: Date,
    limit: number,
  ): Promise<Array<{ id: string; accountId: string; creditTypeId: string }>> {
    const rows: Row[] = await manager.query(
      `SELECT id, account_id, credit_type_id FROM credit_hold WHERE status = 'ACTIVE' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [at, limit],
    );
    return rows.map((row) => ({
      id: row.id as string,
      accountId: row.account_id as string,
      creditTypeId: row.credit_type_id as string,
    }));
  }

  /** Grants expired at `at` with a remainder still to move out. */
  async expiredGrants(manager: EntityManager, at: Date, limit: number): Promise<CreditGrant[]> {
    const rows: Row[] = await manager.query(
      `SELECT * FROM credit_grant WHERE expires_at <= $1 AND remaining > 0 ORDER BY expires_at LIMIT $2`,
      [at, limit],
    );
    return rows.map(grantOf);
  }

  async expiryCount(manager: EntityManager, grantId: string): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM credit_grant_use u JOIN credit_transfer t ON t.id = u.transfer_id
        WHERE u.grant_id = $1 AND t.kind = 'EXPIRY'`,
      [grantId],
    );
    return count;
  }

  async daoOfGrant(manager: EntityManager, grantId: string): Promise<string> {
    const [{ dao_id }]: Array<{ dao_id: string }> = await manager.query(
      `SELECT dao_id FROM credit_transfer WHERE id = $1`,
      [grantId],
    );
    return dao_id;
  }

  /**
   * Everything that does not hold together, for one DAO or all: balance rows against their
   * postings, held amounts against active holds, contributor balances against their grants'
   * remainders and reserved lots, and transfers that do not balance.
   */
  async consistency(manager: EntityManager, daoId: string | null): Promise<CreditsConsistency> {
    // One statement per check: each compares within its own snapshot, so concurrent writes show no false mismatch.
    const run = (sql: string): Promise<Row[]> => manager.query(sql, [daoId]);
    const balances = await run(
      `SELECT COALESCE(b.account_id, s.account_id) AS account_id, COALESCE(b.credit_type_id, s.credit_type_id) AS credit_type_id,
                COALESCE(b.balance, 0) AS stored, COALESCE(s.total, 0) AS postings
           FROM (SELECT b.* FROM credit_balance b JOIN credit_account a ON a.id = b.account_id WHERE $1::uuid IS NULL OR a.dao_id = $1) b
           FULL JOIN (SELECT p.account_id, p.credit_type_id, sum(p.amount) AS total FROM credit_posting p
                        JOIN credit_account a ON a.id = p.account_id WHERE $1::uuid IS NULL OR a.dao_id = $1
                       GROUP BY p.account_id, p.credit_type_id) s
             ON s.account_id = b.account_id AND s.credit_type_id = b.credit_type_id
          WHERE COALESCE(b.balance, 0) <> COALESCE(s.total, 0)`,
    );
    const held = await run(
      `SELECT b.account_id, b.credit_type_id, b.held AS stored, COALESCE(h.total, 0) AS holds
           FROM credit_balance b JOIN credit_account a ON a.id = b.account_id
           LEFT JOIN (SELECT account_id, credit_type_id, sum(amount) AS total FROM credit_hold WHERE status = 'ACTIVE'
                       GROUP BY account_id, credit_type_id) h
             ON h.account_id = b.account_id AND h.credit_type_id = b.credit_type_id
          WHERE ($1::uuid IS NULL OR a.dao_id = $1) AND b.held <> COALESCE(h.total, 0)`,
    );
    const lots = await run(
      `SELECT b.account_id, b.credit_type_id, b.balance, COALESCE(g.total, 0) + COALESCE(l.total, 0) AS lots
           FROM credit_balance b JOIN credit_account a ON a.id = b.account_id AND a.kind = 'CONTRIBUTOR'
           LEFT JOIN (SELECT account_id, credit_type_id, sum(remaining) AS total FROM credit_grant GROUP BY account_id, credit_type_id) g
             ON g.account_id = b.account_id AND g.credit_type_id = b.credit_type_id
           LEFT JOIN (SELECT h.account_id, h.credit_type_id, sum(l.amount) AS total FROM credit_hold h
                        JOIN credit_hold_lot l ON l.hold_id = h.id WHERE h.status = 'ACTIVE' GROUP BY h.account_id, h.credit_type_id) l
             ON l.account_id = b.account_id AND l.credit_type_id = b.credit_type_id
          WHERE ($1::uuid IS NULL OR a.dao_id = $1) AND b.balance <> COALESCE(g.total, 0) + COALESCE(l.total, 0)`,
    );
    const unbalanced = await run(
      `SELECT t.id AS transfer_id, s.credit_type_id, COALESCE(s.total, 0) AS total
           FROM credit_transfer t
           LEFT JOIN (SELECT transfer_id, count(*) AS n FROM credit_posting GROUP BY transfer_id) c ON c.transfer_id = t.id
           LEFT JOIN (SELECT transfer_id, credit_type_id, sum(amount) AS total FROM credit_posting
                       GROUP BY transfer_id, credit_type_id) s ON s.transfer_id = t.id
          WHERE ($1::uuid IS NULL OR t.dao_id = $1) AND (COALESCE(c.n, 0) < 2 OR s.total <> 0)`,
    );
    return {
      balances: balances.map((row) => ({
        accountId: row.account_id as string,
        creditTypeId: row.credit_type_id as string,
        stored: big(row.stored),
        postings: big(row.postings),
      })),
      held: held.map((row) => ({
        accountId: row.account_id as string,
        creditTypeId: row.credit_type_id as string,
        stored: big(row.stored),
        holds: big(row.holds),
      })),
      lots: lots.map((row) => ({
        accountId: row.account_id as string,
        creditTypeId: row.credit_type_id as string,
        balance: big(row.balance),
        lots: big(row.lots),
      })),
      unbalancedTransfers: unbalanced.map((row) => ({
        transferId: row.transfer_id as string,
        creditTypeId: row.credit_type_id as string | null,
        sum: big(row.total),
      })),
    };
  }
}
