import { Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { DataSource } from 'typeorm';
import type { Hex } from 'viem';
import { SafeChain, revertDataOf, revertReasonOf } from '../datasources/safe-chain.js';
import { TreasuryRepository } from '../datasources/treasury.repository.js';
import type { SafeTransaction } from './safe-transaction.js';
import { TreasuryQueries } from './treasury-queries.js';
import {
  TreasuryTransactions,
  assertNonceUnused,
  closedError,
  noAnnouncements,
} from './treasury-transactions.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/** The relay: sends a confirmed Safe transaction's execTransaction with the relay key, once. */
@Injectable()
export class SafeExecutor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TreasuryRepository,
    private readonly chain: SafeChain,
    private readonly reader: ChainReader,
    private readonly queries: TreasuryQueries,
    private readonly transactions: TreasuryTransactions,
  ) {}

  /**
   * Sends a READY transaction with the relay key. Two requests at once send it once: the row is
   * locked while the relay sends, and the second finds it EXECUTING. A transaction that would revert
   * is not sent: it becomes FAILED with the revert reason (its nonce stays unused; it can be retried
   * once the cause is fixed, or rejected).
   */
  async execute(safeTxHash: string): Promise<SafeTransaction> {
    this.chain.requireRelayer();
    const tx = await this.queries.byHash(safeTxHash);
    if (tx.status === 'EXECUTING' || tx.status === 'EXECUTED') return tx;
    if (tx.status === 'REPLACED') throw closedError(tx);
    const account = await this.reader.readSafe(tx.safe);
    assertNonceUnused(tx, account);
    if (tx.nonce > account.nonce)
      throw new TreasuryError(
        TreasuryErrorCode.NONCE_NOT_NEXT,
        `Nonce ${tx.nonce} is not next: the Safe executes nonce ${account.nonce} first`,
        { nonce: tx.nonce.toString(), safeNonce: account.nonce.toString() },
      );
    const signatures = await this.queries.thresholdSignatures(tx, account);
    if (signatures === null) {
      const { confirmedBy } = await this.queries.signing(tx);
      throw new TreasuryError(
        TreasuryErrorCode.BELOW_THRESHOLD,
        `${confirmedBy.length} of the ${account.threshold} confirmations needed: it cannot execute yet`,
        { confirmations: confirmedBy.length, threshold: account.threshold },
      );
    }
    const announcements = noAnnouncements();
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.find(tx.safeTxHash, manager, true);
      if (locked === null || locked.status === 'EXECUTING' || locked.status === 'EXECUTED') return;
      if (locked.status === 'REPLACED') throw closedError(locked);
      // One relay, one account nonce: sends are serialised across API replicas.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('guildhall.relayer'))`);
      try {
        const executionTxHash = await this.chain.sendExecution(tx.safe, tx, signatures);
        await this.repository.update(manager, tx.safeTxHash, {
          status: 'EXECUTING',
          executionTxHash,
          statusReason: null,
        });
        announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: 'EXECUTING' });
      } catch (error) {
        const data = revertDataOf(error);
        if (data === undefined) throw error;
        const reason = await this.failureReason(tx, data);
        await this.repository.update(manager, tx.safeTxHash, { status: 'FAILED', statusReason: reason });
        announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: 'FAILED' });
      }
    });
    await this.transactions.announce(announcements);
    await this.transactions.kickIndexer();
    return this.queries.byHash(tx.safeTxHash);
  }

  private async failureReason(tx: SafeTransaction, data: Hex | undefined): Promise<string> {
    const outer = revertReasonOf(data);
    const simulation = await this.chain.simulate(tx.safe, tx).catch(() => null);
    return simulation !== null && !simulation.success ? `${simulation.revertReason} (${outer})` : outer;
  }
}
