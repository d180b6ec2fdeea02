import { Injectable } from '@nestjs/common';
import { invalidCursor, toPage, type Page, type PageRequest } from '@guildhall/core';
import { DaoEntity } from '@guildhall/governance/datasources';
import { RoundAllocationEntity, RoundEntity, VestingTrancheEntity } from '@guildhall/rewards/datasources';
import { DataSource, In, type EntityManager } from 'typeorm';
import { getAddress, type Address, type Hex } from 'viem';
import type { DueTransfer } from '../domain/payouts.js';
import {
  OPEN_STATUSES,
  type SafeAccount,
  type SafeConfirmation,
  type SafeTransaction,
  type SafeTxStatus,
  type SignatureType,
} from '../domain/safe-transaction.js';
import {
  PayoutTransferEntity,
  SafeAccountEntity,
  SafeConfirmationEntity,
  SafeTransactionEntity,
} from './treasury.entity.db.js';

const toSafeTransaction = (row: SafeTransactionEntity, daoSlug: string): SafeTransaction => ({
  safeTxHash: row.safeTxHash as Hex,
  daoId: row.daoId,
  daoSlug,
  chainId: row.chainId,
  safe: getAddress(row.safe),
  to: getAddress(row.to),
  value: row.value,
  data: row.data as Hex,
  operation: row.operation === 1 ? 1 : 0,
  safeTxGas: row.safeTxGas,
  baseGas: row.baseGas,
  gasPrice: row.gasPrice,
  gasToken: getAddress(row.gasToken),
  refundReceiver: getAddress(row.refundReceiver),
  nonce: row.nonce,
  origin: row.origin as SafeTransaction['origin'],
  proposalId: row.proposalId,
  roundId: row.roundId,
  actions: row.actions.map((action) => ({
    to: getAddress(action.to),
    value: BigInt(action.value),
    data: action.data as Hex,
    operation: action.operation === 1 ? 1 : 0,
    humanReadable: action.humanReadable,
  })),
  estimatedGas: row.estimatedGas,
  status: row.status as SafeTxStatus,
  statusReason: row.statusReason,
  executionTxHash: row.executionTxHash as Hex | null,
  executionBlock: row.executionBlock,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export type NewSafeTransaction = Omit<SafeTransaction, 'daoSlug' | 'createdAt' | 'updatedAt'>;

const OPEN = [...OPEN_STATUSES];
const NONCE_KEY = /^\d{1,30}$/;
const SAFE_TX_HASH = /^0x[0-9a-f]{64}$/;

/** Safe transactions, their confirmations and the tranches they pay, in PostgreSQL. */
@Injectable()
export class TreasuryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async find(safeTxHash: string, manager?: EntityManager, lock = false): Promise<SafeTransaction | null> {
    const query = this.manager(manager)
      .getRepository(SafeTransactionEntity)
      .createQueryBuilder('t')
      .where('t.safe_tx_hash = :safeTxHash', { safeTxHash: safeTxHash.toLowerCase() });
    if (lock) query.setLock('pessimistic_write');
    const row = await query.getOne();
    if (row === null) return null;
    const dao = await this.manager(manager).getRepository(DaoEntity).findOneByOrFail({ id: row.daoId });
    return toSafeTransaction(row, dao.slug);
  }

  /**
   * The transactions of a DAO's Safe, highest nonce first: every DAO using the Safe sees them all
   * (one nonce sequence), each naming the DAO that proposed it.
   */
  async list(
    dao: { chainId: number; safeAddress: Address },
    status: SafeTxStatus | null | undefined,
    page: PageRequest,
  ): Promise<Page<SafeTransaction>> {
    const query = this.dataSource
      .getRepository(SafeTransactionEntity)
      .createQueryBuilder('t')
      .where('t.chain_id = :chainId AND t.safe = :safe', { chainId: dao.chainId, safe: dao.safeAddress })
      .orderBy('t.nonce', 'DESC')
      .addOrderBy('t.safe_tx_hash', 'DESC')
      .limit(page.first + 1);
    if (status) query.andWhere('t.status = :status', { status });
    if (page.after) {
      if (!NONCE_KEY.test(page.after.key) || !SAFE_TX_HASH.test(page.after.id)) throw invalidCursor();
      query.andWhere('(t.nonce, t.safe_tx_hash) < (:nonce, :hash)', {
        nonce: page.after.key,
        hash: page.after.id,
      });
    }
    const rows = await query.getMany();
    const slugs = await this.slugs(rows, this.dataSource.manager);
    return toPage(
      rows.map((row) => toSafeTransaction(row, slugs.get(row.daoId) ?? '')),
      page,
      (tx) => ({ key: tx.nonce.toString(), id: tx.safeTxHash }),
    );
  }

  /**
   * Transactions of a Safe that may still execute (queued, ready, executing, or failed before using
   * their nonce), lowest nonce first. A Safe's nonces are one sequence, whichever DAOs share it.
   */
  async open(chainId: number, safe: Address, manager?: EntityManager): Promise<SafeTransaction[]> {
    const rows = await this.manager(manager)
      .getRepository(SafeTransactionEntity)
      .createQueryBuilder('t')
      .where('t.chain_id = :chainId AND t.safe = :safe AND t.status IN (:...open)', {
        chainId,
        safe,
        open: OPEN,
      })
      .orderBy('t.nonce', 'ASC')
      .addOrderBy('t.created_at', 'ASC')
      .getMany();
    const slugs = await this.slugs(rows, this.manager(manager));
    return rows.map((row) => toSafeTransaction(row, slugs.get(row.daoId) ?? ''));
  }

  private async slugs(
    rows: readonly SafeTransactionEntity[],
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((row) => row.daoId))];
    if (ids.length === 0) return new Map();
    const daos = await manager.getRepository(DaoEntity).findBy({ id: In(ids) });
    return new Map(daos.map((dao) => [dao.id, dao.slug]));
  }

  async insert(
    manager: EntityManager,
    transaction: NewSafeTransaction,
    trancheIds: readonly string[] = [],
  ): Promise<void> {
    await manager.insert(SafeTransactionEntity, {
      ...transaction,
      actions: transaction.actions.map((action) => ({
        to: action.to,
        value: action.value.toString(),
        data: action.data,
        operation: action.operation,
        humanReadable: action.humanReadable,
      })),
    });
    for (let start = 0; start < trancheIds.length; start += 1_000)
      await manager.insert(
        PayoutTransferEntity,
        trancheIds.slice(start, start + 1_000).map((trancheId) => ({
          safeTxHash: transaction.safeTxHash,
          trancheId,
          live: true,
        })),
      );
  }

  async update(
    manager: EntityManager,
    safeTxHash: Hex,
    changes: Partial<Pick<SafeTransaction, 'status' | 'statusReason' | 'executionTxHash' | 'executionBlock'>>,
  ): Promise<void> {
    await manager.update(SafeTransactionEntity, { safeTxHash }, changes);
  }

  async confirmations(safeTxHash: string, manager?: EntityManager): Promise<SafeConfirmation[]> {
    const rows = await this.manager(manager)
      .getRepository(SafeConfirmationEntity)
      .find({ where: { safeTxHash: safeTxHash.toLowerCase() }, order: { submittedAt: 'ASC', owner: 'ASC' } });
    return rows.map((row) => ({
      owner: getAddress(row.owner),
      signature: row.signature as Hex,
      signatureType: row.signatureType as SignatureType,
      submittedAt: row.submittedAt,
    }));
  }

  /** Stores an owner's confirmation; a second one by the same owner changes nothing. */
  async confirm(
    manager: EntityManager,
    safeTxHash: Hex,
    confirmation: Omit<SafeConfirmation, 'submittedAt'>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SafeConfirmationEntity)
      .values({ safeTxHash, ...confirmation })
      .orIgnore()
      .execute();
  }

  /**
   * Due tranches of a DAO's finalized rounds that no live transaction pays yet: unlocked, unpaid,
   * in a stable order. `roundId` narrows them to one round.
   */
  async dueTransfers(
    manager: EntityManager,
    daoId: string,
    now: Date,
    roundId?: string,
  ): Promise<DueTransfer[]> {
    const query = manager
      .getRepository(VestingTrancheEntity)
      .createQueryBuilder('t')
      .innerJoin(RoundEntity, 'r', 'r.id = t.round_id')
      .select(['t.id AS id', 't.round_id AS round_id', 'r.token AS token', 't.recipient AS recipient'])
      .addSelect('t.amount::text', 'amount')
      .where('r.dao_id = :daoId', { daoId })
      .andWhere(`r.state IN ('FINALIZED', 'PAYING')`)
      .andWhere(`t.status = 'PENDING' AND t.amount > 0 AND t.unlock_at <= :now`, { now })
      .andWhere(`NOT EXISTS (SELECT 1 FROM payout_transfer p WHERE p.tranche_id = t.id AND p.live)`)
      .orderBy('t.round_id')
      .addOrderBy('t.unlock_at')
      .addOrderBy('t.recipient')
      .addOrderBy('t.pool')
      .addOrderBy('t.seq');
    if (roundId !== undefined) query.andWhere('t.round_id = :roundId', { roundId });
    const rows = await query.getRawMany<{
      id: string;
      round_id: string;
      token: string;
      recipient: string;
      amount: string;
    }>();
    return rows.map((row) => ({
      trancheId: row.id,
      roundId: row.round_id,
      token: getAddress(row.token),
      recipient: getAddress(row.recipient),
      amount: BigInt(row.amount),
    }));
  }

  /**
   * What is due for a Safe transaction: SUCCEEDED proposals with actions that never had one (one that
   * was replaced, say by owners' rejection, is proposed again only when asked), and rounds with due
   * tranches no live transaction pays.
   */
  async due(daoId: string, now: Date): Promise<{ proposals: string[]; rounds: string[] }> {
    const proposals: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM proposal p
        WHERE p.dao_id = $1 AND p.state = 'SUCCEEDED' AND jsonb_array_length(p.actions) > 0
          AND NOT EXISTS (SELECT 1 FROM safe_transaction s WHERE s.proposal_id = p.id)
        ORDER BY p.end_at, p.id`,
      [daoId],
    );
    const rounds: Array<{ id: string }> = await this.dataSource.query(
      `SELECT r.id FROM reward_round r
        WHERE r.dao_id = $1 AND r.state IN ('FINALIZED', 'PAYING')
          AND EXISTS (SELECT 1 FROM vesting_tranche t
                       WHERE t.round_id = r.id AND t.status = 'PENDING' AND t.amount > 0 AND t.unlock_at <= $2
                         AND NOT EXISTS (SELECT 1 FROM payout_transfer p WHERE p.tranche_id = t.id AND p.live))
        ORDER BY r.review_deadline, r.id`,
      [daoId, now],
    );
    return { proposals: proposals.map((row) => row.id), rounds: rounds.map((row) => row.id) };
  }

  /** What a payout pays for: the pool and attestations of each tranche's allocation. */
  async payoutContext(
    manager: EntityManager,
    trancheIds: readonly string[],
  ): Promise<Map<string, { pool: string; attestations: string[]; roundName: string }>> {
    const rows = await manager
      .getRepository(VestingTrancheEntity)
      .createQueryBuilder('t')
      .innerJoin(RoundEntity, 'r', 'r.id = t.round_id')
      .innerJoin(
        RoundAllocationEntity,
        'a',
        'a.round_id = t.round_id AND a.pool = t.pool AND a.recipient = t.recipient',
      )
      .select(['t.id AS id', 't.pool AS pool', 'r.name AS round_name', 'a.explanation AS explanation'])
      .where('t.id IN (:...ids)', { ids: trancheIds })
      .getRawMany<{
        id: string;
        pool: string;
        round_name: string;
        explanation: { details?: { attestations?: Array<{ id: string }> } };
      }>();
    return new Map(
      rows.map((row) => [
        row.id,
        {
          pool: row.pool,
          roundName: row.round_name,
          attestations: (row.explanation.details?.attestations ?? []).map((attestation) => attestation.id),
        },
      ]),
    );
  }

  /** Tranches a transaction pays (live or not). */
  async transfersOf(safeTxHash: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.manager(manager)
      .getRepository(PayoutTransferEntity)
      .find({ where: { safeTxHash: safeTxHash.toLowerCase() } });
    return rows.map((row) => row.trancheId);
  }

  /** The transaction can no longer execute: its tranches are free to be planned again. */
  async release(manager: EntityManager, safeTxHash: Hex): Promise<void> {
    await manager.update(PayoutTransferEntity, { safeTxHash }, { live: false });
  }

  /** Marks the transaction's tranches PAID; returns the rounds they belong to. */
  async pay(manager: EntityManager, safeTxHash: Hex, txHash: Hex, block: bigint): Promise<string[]> {
    const rounds: Array<{ round_id: string }> = await manager.query(
      `SELECT DISTINCT t.round_id FROM vesting_tranche t
         JOIN payout_transfer p ON p.tranche_id = t.id
        WHERE p.safe_tx_hash = $1`,
      [safeTxHash],
    );
    await manager.query(
      `UPDATE vesting_tranche t SET status = 'PAID', tx_hash = $2, paid_block = $3
         FROM payout_transfer p
        WHERE p.safe_tx_hash = $1 AND p.tranche_id = t.id AND t.status = 'PENDING'`,
      [safeTxHash, txHash, block.toString()],
    );
    return rounds.map((row) => row.round_id);
  }

  /** What a Safe's open payout transactions still owe in `token`. */
  async promised(manager: EntityManager, safe: Address, token: Address): Promise<bigint> {
    const [row]: Array<{ total: string | null }> = await manager.query(
      `SELECT sum(t.amount)::text AS total
         FROM payout_transfer p
         JOIN safe_transaction s ON s.safe_tx_hash = p.safe_tx_hash
         JOIN vesting_tranche t ON t.id = p.tranche_id
         JOIN reward_round r ON r.id = t.round_id
        WHERE s.safe = $1 AND p.live AND t.status = 'PENDING' AND r.token = $2`,
      [safe, token],
    );
    return BigInt(row?.total ?? '0');
  }

  async unpaidTranches(manager: EntityManager, roundId: string): Promise<number> {
    return manager.getRepository(VestingTrancheEntity).countBy({ roundId, status: 'PENDING' });
  }

  async account(chainId: number, safe: Address, manager?: EntityManager): Promise<SafeAccountEntity | null> {
    return this.manager(manager).getRepository(SafeAccountEntity).findOneBy({ chainId, safe });
  }

  /** Stores the Safe as read on-chain, keeping its indexer cursor (or starting it at `indexedTo`). */
  async saveAccount(manager: EntityManager, account: SafeAccount, indexedTo: bigint): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SafeAccountEntity)
      .values({
        chainId: account.chainId,
        safe: account.safe,
        owners: [...account.owners],
        threshold: account.threshold,
        nonce: account.nonce,
        version: account.version,
        indexedTo,
      })
      .orUpdate(['owners', 'threshold', 'nonce', 'version', 'refreshed_at'], ['chain_id', 'safe'])
      .execute();
  }

  async advanceCursor(
    manager: EntityManager,
    chainId: number,
    safe: Address,
    indexedTo: bigint,
  ): Promise<void> {
    await manager.update(SafeAccountEntity, { chainId, safe }, { indexedTo });
  }
}
