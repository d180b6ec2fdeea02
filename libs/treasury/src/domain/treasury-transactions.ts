import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainReader, type SafeAccount } from '@guildhall/chain';
import { JobQueue, PgNotifier } from '@guildhall/database';
import type { Dao } from '@guildhall/dao';
import { DataSource, type EntityManager } from 'typeorm';
import { TreasuryRepository } from '../datasources/treasury.repository.js';
import type { PayablesTx } from '../payables/payable-source.js';
import { SAFE_TX_UPDATED_TOPIC, type SafeTransaction, type SafeTxUpdatedEvent } from './safe-transaction.js';
import { SWEEP_NOW, TreasurySweep } from './treasury.jobs.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/** What to announce once a transaction commits: Safe transactions, then what the sources asked for. */
export interface Announcements {
  safeTxs: SafeTxUpdatedEvent[];
  afterCommit: Array<() => Promise<void>>;
}

export const noAnnouncements = (): Announcements => ({ safeTxs: [], afterCommit: [] });

/** The treasury's transaction as the payable sources see it: what they announce waits for the commit. */
export const payablesTx = (manager: EntityManager, announcements: Announcements): PayablesTx => ({
  manager,
  afterCommit: (announce) => announcements.afterCommit.push(announce),
});

/** A Safe as read before its treasury lock is taken, and where its indexer starts if it has no cursor. */
export interface SafeState {
  readonly account: SafeAccount;
  readonly indexedTo: bigint;
}

/** SAFE_TX_CLOSED: the transaction takes no more confirmations (executed, replaced, being executed). */
export function closedError(tx: SafeTransaction): TreasuryError {
  return new TreasuryError(
    TreasuryErrorCode.SAFE_TX_CLOSED,
    `Safe transaction ${tx.safeTxHash} is ${tx.status}${tx.statusReason ? ` (${tx.statusReason})` : ''}: it takes no more confirmations`,
    { safeTxHash: tx.safeTxHash, status: tx.status },
  );
}

/** NONCE_ALREADY_USED when the Safe is past the transaction's nonce. */
export function assertNonceUnused(tx: SafeTransaction, account: SafeAccount): void {
  if (tx.nonce < account.nonce)
    throw new TreasuryError(
      TreasuryErrorCode.NONCE_ALREADY_USED,
      `Nonce ${tx.nonce} is already used: the Safe is at nonce ${account.nonce}`,
      { nonce: tx.nonce.toString(), safeNonce: account.nonce.toString() },
    );
}

/**
 * What every treasury write shares: the DAO's treasury lock (a PostgreSQL advisory lock taken in the
 * writer's transaction), and what is announced once it commits (`safeTransactionUpdated`, the
 * sources' own announcements, a treasury pass asked for now).
 */
@Injectable()
export class TreasuryTransactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TreasuryRepository,
    private readonly reader: ChainReader,
    private readonly jobs: JobQueue,
    private readonly notifier: PgNotifier,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  /**
   * Runs `work` under the DAO's treasury lock with its Safe as on-chain now. The indexer's cursor is
   * started here if the Safe has none, before any transaction of it exists: every later execution is
   * then in the log the indexer reads.
   */
  async withDaoLock(
    dao: Dao,
    work: (manager: EntityManager, account: SafeAccount) => Promise<void>,
  ): Promise<void> {
    const safe = await this.safeState(dao);
    await this.dataSource.transaction(async (manager) => {
      await this.lockDao(manager, dao, safe);
      await work(manager, safe.account);
    });
  }

  /** The DAO's Safe as on-chain now, and the block its indexer starts after when it has no cursor. */
  async safeState(dao: Dao): Promise<SafeState> {
    const [account, head] = await Promise.all([
      this.reader.readSafe(dao.safeAddress),
      this.reader.latestBlock(),
    ]);
    const confirmed = head - BigInt(this.config.treasury.confirmationDepth);
    return { account, indexedTo: confirmed > 0n ? confirmed - 1n : 0n };
  }

  /** Takes the DAO's treasury lock in the caller's transaction and saves its Safe as read. */
  async lockDao(manager: EntityManager, dao: Dao, safe: SafeState): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `guildhall.treasury:${dao.safeAddress}`,
    ]);
    await this.repository.saveAccount(manager, safe.account, safe.indexedTo);
  }

  /** Asks for a treasury pass now (dropped when one is already waiting). */
  async kickIndexer(): Promise<void> {
    await this.jobs.send(TreasurySweep, {}, { singletonKey: SWEEP_NOW });
  }

  async announce({ safeTxs, afterCommit }: Announcements): Promise<void> {
    for (const event of safeTxs) await this.notifier.publish(SAFE_TX_UPDATED_TOPIC, event);
    for (const announce of afterCommit) await announce();
  }
}
