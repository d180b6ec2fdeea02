import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainReader, describeAction } from '@guildhall/chain';
import { DaoService, type Dao } from '@guildhall/dao';
import { DataSource, type EntityManager } from 'typeorm';
import type { Address, Hex } from 'viem';
import { SafeChain, type ObservedExecution } from '../datasources/safe-chain.js';
import { TreasuryRepository } from '../datasources/treasury.repository.js';
import { PayablesRegistry } from '../payables/payables.registry.js';
import { PayoutProposer } from './payout-proposer.js';
import type { SafeTxStatus } from './safe-transaction.js';
import {
  TreasuryTransactions,
  noAnnouncements,
  payablesTx,
  type Announcements,
} from './treasury-transactions.js';

/** Blocks per eth_getLogs request: within what public RPC providers accept. */
const LOG_CHUNK = 5_000n;

/**
 * The reconciler: reads each Safe's execution log and applies what the Safe did to its transactions
 * and to the obligations they carry. An obligation is marked paid only from the Safe's own log.
 */
@Injectable()
export class SafeIndexer {
  private readonly logger = new Logger(SafeIndexer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TreasuryRepository,
    private readonly chain: SafeChain,
    private readonly reader: ChainReader,
    private readonly daos: DaoService,
    private readonly payables: PayablesRegistry,
    private readonly proposer: PayoutProposer,
    private readonly transactions: TreasuryTransactions,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  /**
   * One pass of the reconciliation of a Safe (and of every DAO it serves): its ExecutionSuccess /
   * ExecutionFailure log from the stored cursor (re-reading the last SAFE_REORG_BLOCKS) to the head
   * minus the confirmation depth. Marks transactions EXECUTED, FAILED or REPLACED and tells the
   * payable sources what became of the obligations they carry (tranches and rounds PAID, proposals
   * EXECUTED or FAILED, obligations released); recognises executions made outside Guildhall;
   * refreshes the Safe's owners; then proposes what each DAO has due.
   */
  async index(safe: Address): Promise<void> {
    // The first DAO owns what the Safe did outside Guildhall.
    const daos = await this.daos.ofSafe(safe);
    if (daos.length === 0) return;
    const head = (await this.reader.latestBlock()) - BigInt(this.config.treasury.confirmationDepth);
    if (head < 0n) return;
    const stored = await this.repository.account(this.config.chain.chainId, safe);
    const reorg = BigInt(this.config.treasury.reorgBlocks);
    let from =
      stored === null ? head : stored.indexedTo - reorg + 1n > 0n ? stored.indexedTo - reorg + 1n : 0n;
    const windowStart = from;
    for (;;) {
      const to = from + LOG_CHUNK - 1n < head ? from + LOG_CHUNK - 1n : head;
      const executions = from <= to ? await this.chain.executions(safe, from, to) : [];
      const account = await this.reader.readSafe(safe, to);
      // Nonces used before the re-read window: any execution of them Guildhall could see is behind it.
      const usedBefore =
        to === head ? await this.chain.nonceAt(safe, windowStart > 0n ? windowStart - 1n : 0n) : 0n;
      const announcements = noAnnouncements();
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`guildhall.safe-index:${safe}`]);
        for (const execution of executions)
          await this.applyExecution(manager, daos[0], execution, announcements);
        if (to === head) await this.settle(manager, safe, account.nonce, usedBefore, announcements);
        await this.repository.saveAccount(manager, account, to);
        await this.repository.advanceCursor(manager, account.chainId, safe, to);
      });
      await this.transactions.announce(announcements);
      if (to >= head) break;
      from = to + 1n;
    }
    for (const dao of daos) await this.proposer.proposeWhatIsDue(dao);
  }

  /** The Safes of every DAO on this chain, each once. */
  safes(): Promise<Address[]> {
    return this.daos.safes();
  }

  private async applyExecution(
    manager: EntityManager,
    dao: Dao,
    execution: ObservedExecution,
    announcements: Announcements,
  ): Promise<void> {
    const status: SafeTxStatus = execution.success ? 'EXECUTED' : 'FAILED';
    const statusReason = execution.success
      ? null
      : 'ExecutionFailure: the Safe used the nonce but its call reverted';
    const tx = await this.repository.find(execution.safeTxHash, manager, true);
    if (tx === null) {
      if (execution.transaction === null) {
        this.logger.warn(
          { safeTxHash: execution.safeTxHash, txHash: execution.txHash },
          'an execution outside Guildhall without SafeL2 details: its nonce is reconciled from the Safe',
        );
        return;
      }
      const { signatures: _signatures, ...fields } = execution.transaction;
      await this.repository.insert(manager, {
        ...fields,
        safeTxHash: execution.safeTxHash,
        daoId: dao.id,
        chainId: this.config.chain.chainId,
        safe: dao.safeAddress,
        origin: 'EXTERNAL',
        proposalId: null,
        roundId: null,
        revenueShareId: null,
        actions: [{ ...fields, humanReadable: describeAction(fields) }],
        estimatedGas: null,
        status,
        statusReason: statusReason ?? 'executed outside Guildhall',
        executionTxHash: execution.txHash,
        executionBlock: execution.blockNumber,
      });
      announcements.safeTxs.push({ safeTxHash: execution.safeTxHash, daoSlug: dao.slug, status });
      await this.replaceAtNonce(manager, dao.safeAddress, fields.nonce, execution.safeTxHash, announcements);
      return;
    }
    if (tx.executionBlock !== null) return;
    await this.repository.update(manager, tx.safeTxHash, {
      status,
      statusReason,
      executionTxHash: execution.txHash,
      executionBlock: execution.blockNumber,
    });
    announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status });
    const done = { txHash: execution.txHash, block: execution.blockNumber };
    for (const [kind, ids] of await this.repository.carriedBy(manager, tx.safeTxHash)) {
      const source = this.payables.byKind(kind);
      if (execution.success) await source.markPaid(ids, done, payablesTx(manager, announcements));
      else await source.markFailed(ids, done, payablesTx(manager, announcements));
    }
    if (!execution.success) await this.repository.release(manager, tx.safeTxHash);
    await this.replaceAtNonce(manager, tx.safe, tx.nonce, tx.safeTxHash, announcements);
  }

  /** Every other open transaction at `nonce` is REPLACED; what it carried is free again. */
  private async replaceAtNonce(
    manager: EntityManager,
    safe: Address,
    nonce: bigint,
    executed: Hex | null,
    announcements: Announcements,
  ): Promise<void> {
    for (const other of await this.repository.open(this.config.chain.chainId, safe, manager)) {
      if (other.nonce !== nonce || other.safeTxHash === executed) continue;
      await this.repository.update(manager, other.safeTxHash, {
        status: 'REPLACED',
        statusReason:
          executed === null
            ? `nonce ${nonce} was used by a transaction Guildhall did not see`
            : `nonce ${nonce} was used by ${executed}`,
      });
      for (const [kind, ids] of await this.repository.carriedBy(manager, other.safeTxHash))
        await this.payables.byKind(kind).release(ids, payablesTx(manager, announcements));
      await this.repository.release(manager, other.safeTxHash);
      announcements.safeTxs.push({
        safeTxHash: other.safeTxHash,
        daoSlug: other.daoSlug,
        status: 'REPLACED',
      });
    }
  }

  /**
   * After the log is read to the head: a relay transaction that reverted leaves its Safe transaction
   * FAILED (nonce unused); open transactions at nonces used before the re-read window, whose
   * execution the log never showed (a plain Safe's, without SafeL2 details), are REPLACED.
   */
  private async settle(
    manager: EntityManager,
    safe: Address,
    safeNonce: bigint,
    usedBefore: bigint,
    announcements: Announcements,
  ): Promise<void> {
    for (const tx of await this.repository.open(this.config.chain.chainId, safe, manager)) {
      if (tx.status === 'EXECUTING' && tx.executionTxHash !== null && tx.nonce >= safeNonce) {
        const receipt = await this.chain.receipt(tx.executionTxHash);
        if (receipt?.status === 'reverted') {
          await this.repository.update(manager, tx.safeTxHash, {
            status: 'FAILED',
            statusReason: `the execution ${tx.executionTxHash} reverted in block ${receipt.blockNumber}`,
          });
          announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: 'FAILED' });
        }
      }
      if (tx.nonce < usedBefore) await this.replaceAtNonce(manager, safe, tx.nonce, null, announcements);
    }
  }
}
