import { Injectable } from '@nestjs/common';
import { invalidCursor, toPage, type Page, type PageRequest } from '@guildhall/core';
import type { SafeAccount } from '@guildhall/chain';
import { DaoService } from '@guildhall/dao';
import { DataSource, type EntityManager } from 'typeorm';
import { getAddress, type Address, type Hex } from 'viem';
import {
  OPEN_STATUSES,
  type SafeConfirmation,
  type SafeTransaction,
  type SafeTxStatus,
  type SignatureType,
} from '../domain/safe-transaction.js';
import {
  PayableObligationEntity,
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
  revenueShareId: row.revenueShareId,
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

/** An obligation a new Safe transaction carries; token and amount for a transfer. */
export interface CarriedObligation {
  readonly source: string;
  readonly id: string;
  readonly token: Address | null;
  readonly amount: bigint | null;
}

const OPEN = [...OPEN_STATUSES];
const NONCE_KEY = /^\d{1,30}$/;
const SAFE_TX_HASH = /^0x[0-9a-f]{64}$/;

/** Safe transactions, their confirmations and the obligations they carry, in PostgreSQL. */
@Injectable()
export class TreasuryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly daos: DaoService,
  ) {}

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
    const dao = await this.daos.byId(row.daoId, this.manager(manager));
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
    const slugs = await this.daos.slugs(rows.map((row) => row.daoId));
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
    const slugs = await this.daos.slugs(
      rows.map((row) => row.daoId),
      this.manager(manager),
    );
    return rows.map((row) => toSafeTransaction(row, slugs.get(row.daoId) ?? ''));
  }

  async insert(
    manager: EntityManager,
    transaction: NewSafeTransaction,
    obligations: readonly CarriedObligation[] = [],
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
    for (let start = 0; start < obligations.length; start += 1_000)
      await manager.insert(
        PayableObligationEntity,
        obligations.slice(start, start + 1_000).map((obligation) => ({
          safeTxHash: transaction.safeTxHash,
          source: obligation.source,
          obligationId: obligation.id,
          token: obligation.token,
          amount: obligation.amount,
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

  /**
   * Stores an owner's confirmation; a second one by the same owner changes nothing. Whether it was
   * stored (false: the owner had confirmed already).
   */
  async confirm(
    manager: EntityManager,
    safeTxHash: Hex,
    confirmation: Omit<SafeConfirmation, 'submittedAt'>,
  ): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SafeConfirmationEntity)
      .values({ safeTxHash, ...confirmation })
      .orIgnore()
      .returning(['owner'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  /**
   * Which of `ids` of the source `kind` a Safe transaction carries: one that may still execute, or
   * any ever (`everCarried`).
   */
  async carried(
    manager: EntityManager,
    kind: string,
    ids: readonly string[],
    everCarried: boolean,
  ): Promise<Set<string>> {
    const rows: Array<{ obligation_id: string }> = await manager.query(
      `SELECT DISTINCT obligation_id FROM payable_obligation
        WHERE source = $1 AND obligation_id = ANY($2::text[]) AND (live OR $3)`,
      [kind, ids, everCarried],
    );
    return new Set(rows.map((row) => row.obligation_id));
  }

  /** The obligations a transaction carries that are still live, by source. */
  async carriedBy(manager: EntityManager, safeTxHash: Hex): Promise<Map<string, string[]>> {
    const rows = await manager
      .getRepository(PayableObligationEntity)
      .find({ where: { safeTxHash, live: true }, order: { source: 'ASC', obligationId: 'ASC' } });
    const bySource = new Map<string, string[]>();
    for (const row of rows) bySource.set(row.source, [...(bySource.get(row.source) ?? []), row.obligationId]);
    return bySource;
  }

  /** The transaction can no longer execute: its obligations are free to be planned again. */
  async release(manager: EntityManager, safeTxHash: Hex): Promise<void> {
    await manager.update(PayableObligationEntity, { safeTxHash }, { live: false });
  }

  /** What a Safe's open transactions still owe in `token`. */
  async promised(manager: EntityManager, safe: Address, token: Address): Promise<bigint> {
    const [row]: Array<{ total: string | null }> = await manager.query(
      `SELECT sum(o.amount)::text AS total
         FROM payable_obligation o
         JOIN safe_transaction s ON s.safe_tx_hash = o.safe_tx_hash
        WHERE s.safe = $1 AND o.live AND o.token = $2 AND s.status = ANY($3::text[])`,
      [safe, token, OPEN],
    );
    return BigInt(row?.total ?? '0');
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
