import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type DaoSignedInput, type Page } from '@guildhall/core';
import { JobQueue, PgNotifier } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService, type Dao } from '@guildhall/dao';
import { describeAction } from '@guildhall/chain';
import { DataSource, type EntityManager } from 'typeorm';
import { safeL2Abi, TokenMetadataReader } from '@guildhall/chain';
import { encodeFunctionData, erc20Abi, hashMessage, recoverAddress, type Address, type Hex } from 'viem';
import {
  SafeChain,
  execTransactionArgs,
  revertDataOf,
  revertReasonOf,
  type ObservedExecution,
} from '../datasources/safe-chain.js';
import { SafeKit } from '../datasources/safe-kit.js';
import { TreasuryRepository } from '../datasources/treasury.repository.js';
import {
  isTransfer,
  type PayableSource,
  type PayablesTx,
  type TransferObligation,
} from '../payables/payable-source.js';
import { PayablesRegistry } from '../payables/payables.registry.js';
import { collectDue, planSafeTransactions, type Due, type DueFilter } from '../payables/planner.js';
import { describeTransfer, splitToGasCap } from './payouts.js';
import { parseSafeSignature, type ParsedSignature } from './safe-signature.js';
import {
  OPEN_STATUSES,
  SAFE_TX_UPDATED_TOPIC,
  nextNonce,
  type SafeAccount,
  type SafeAction,
  type SafeConfirmation,
  type SafeTransaction,
  type SafeTxFields,
  type SafeTxStatus,
  type SafeTxUpdatedEvent,
  type SignatureType,
} from './safe-transaction.js';
import { SWEEP_NOW, TreasurySweep } from './treasury.jobs.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/** Blocks per eth_getLogs request: within what public RPC providers accept. */
const LOG_CHUNK = 5_000n;

/** What to announce once a transaction commits: Safe transactions, then what the sources asked for. */
interface Announcements {
  safeTxs: SafeTxUpdatedEvent[];
  afterCommit: Array<() => Promise<void>>;
}

const noAnnouncements = (): Announcements => ({ safeTxs: [], afterCommit: [] });

const payablesTx = (manager: EntityManager, announcements: Announcements): PayablesTx => ({
  manager,
  afterCommit: (announce) => announcements.afterCommit.push(announce),
});

/** A Safe as read before its treasury lock is taken, and where its indexer starts if it has no cursor. */
interface SafeState {
  readonly account: SafeAccount;
  readonly indexedTo: bigint;
}

/**
 * The DAO's treasury: what its payable sources owe (passed proposals, due tranches) becomes Safe
 * transactions; owners confirm them over GraphQL; the relay (or any owner) executes them; the
 * indexer reconciles what the Safe did. An obligation is carried by at most one live Safe
 * transaction (a unique index), and is marked paid only from the Safe's own log, so nothing is paid
 * twice and nothing is lost.
 */
@Injectable()
export class TreasuryService {
  private readonly logger = new Logger(TreasuryService.name);
  /** The last reason each due subject (a proposal, a round) could not be proposed, as last logged. */
  private readonly refusals = new Map<string, string>();
  private readonly kit: SafeKit;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TreasuryRepository,
    private readonly chain: SafeChain,
    private readonly tokens: TokenMetadataReader,
    private readonly daos: DaoService,
    private readonly payables: PayablesRegistry,
    private readonly jobs: JobQueue,
    private readonly notifier: PgNotifier,
    private readonly signedWrites: SignedWrites,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {
    this.kit = new SafeKit(config.chain.rpcUrl, config.chain.chainId);
  }

  // --- reads ------------------------------------------------------------------------------------

  async byHash(safeTxHash: string): Promise<SafeTransaction> {
    const tx = /^0x[0-9a-fA-F]{64}$/.test(safeTxHash) ? await this.repository.find(safeTxHash) : null;
    if (tx === null)
      throw new TreasuryError(TreasuryErrorCode.SAFE_TX_NOT_FOUND, `No Safe transaction ${safeTxHash}`, {
        safeTxHash,
      });
    return tx;
  }

  async list(
    daoSlug: string,
    status: SafeTxStatus | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<SafeTransaction>> {
    const request = pageRequest(page, this.config.graphql.maxPageSize);
    return this.repository.list(await this.daos.bySlug(daoSlug), status, request);
  }

  confirmations(safeTxHash: string): Promise<SafeConfirmation[]> {
    return this.repository.confirmations(safeTxHash);
  }

  /** The DAO's Safe as it is on-chain now, and what is queued on it. */
  async treasury(daoSlug: string): Promise<{ dao: Dao; account: SafeAccount; queued: SafeTransaction[] }> {
    const dao = await this.daos.bySlug(daoSlug);
    const [account, queued] = await Promise.all([
      this.chain.account(dao.safeAddress),
      this.repository.open(this.config.chain.chainId, dao.safeAddress),
    ]);
    return { dao, account, queued };
  }

  async balances(safe: Address, tokens: readonly Address[]) {
    return Promise.all(
      tokens.map(async (token) => {
        const [{ symbol, decimals }, balance] = await Promise.all([
          this.tokens.read(token),
          this.chain.balanceOf(token, safe),
        ]);
        return { token, symbol, decimals, balance };
      }),
    );
  }

  /** Current owners whose confirmations count, and the owners who have not confirmed yet. */
  async signing(
    tx: SafeTransaction,
  ): Promise<{ account: SafeAccount; confirmedBy: Address[]; missing: Address[] }> {
    const [account, confirmations] = await Promise.all([
      this.chain.account(tx.safe),
      this.repository.confirmations(tx.safeTxHash),
    ]);
    const owners = new Set(account.owners);
    const confirmedBy = confirmations.map((c) => c.owner).filter((owner) => owners.has(owner));
    return { account, confirmedBy, missing: account.owners.filter((owner) => !confirmedBy.includes(owner)) };
  }

  /** The other open transactions at the nonce of `tx` (none once it is executed or replaced). */
  async conflicts(tx: SafeTransaction): Promise<Hex[]> {
    if (!OPEN_STATUSES.has(tx.status)) return [];
    const open = await this.repository.open(tx.chainId, tx.safe);
    return open
      .filter((other) => other.nonce === tx.nonce && other.safeTxHash !== tx.safeTxHash)
      .map((other) => other.safeTxHash);
  }

  /** execTransaction calldata with the confirmations gathered, once there are enough of them. */
  async execTransactionData(tx: SafeTransaction): Promise<Hex | null> {
    if (tx.status !== 'READY') return null;
    const signatures = await this.thresholdSignatures(tx, await this.chain.account(tx.safe));
    if (signatures === null) return null;
    return encodeFunctionData({
      abi: safeL2Abi,
      functionName: 'execTransaction',
      args: execTransactionArgs(tx, signatures),
    });
  }

  // --- proposing --------------------------------------------------------------------------------

  /**
   * Safe transactions for what one subject of a source owes (a round's due tranches, a passed
   * proposal's actions), planned as a pass would; then the subject's open transactions of that
   * source's origin. Idempotent: what a live transaction carries is not planned again. The source's
   * typed error when the subject does not exist, or when nothing of it is due or open.
   */
  async proposeFor(kind: string, subject: string): Promise<SafeTransaction[]> {
    const source = this.payables.byKind(kind);
    const dao = await this.daos.byId(await source.daoOf(subject));
    await this.plan(dao, [source], { subject, requested: true });
    const open = await this.repository.open(this.config.chain.chainId, dao.safeAddress);
    const carried = open.filter(
      (tx) => tx.origin === source.origin && subjectOf(tx, source.origin) === subject,
    );
    if (carried.length === 0) throw await source.nothingDue(subject);
    return carried;
  }

  /**
   * Plans, under the DAO's treasury lock, Safe transactions for what `sources` owe the DAO and no
   * live transaction carries (of `filter`'s subject), at consecutive nonces after the open ones:
   * each source's calls alone, transfers in MultiSendCallOnly batches of at most
   * MAX_TRANSFERS_PER_TX, split further while a batch's simulated gas exceeds the cap. Refused
   * whole when the Safe cannot fund the transfers. The sources mark their obligations in flight in
   * the same transaction.
   */
  private async plan(dao: Dao, sources: readonly PayableSource[], filter: DueFilter): Promise<void> {
    const announcements = noAnnouncements();
    await this.withDaoLock(dao, async (manager, account) => {
      const tx = payablesTx(manager, announcements);
      const due = await collectDue(
        sources,
        dao.id,
        tx,
        (kind, ids, everCarried) => this.repository.carried(manager, kind, ids, everCarried),
        filter,
      );
      if (due.length === 0) return;
      await this.assertFunded(
        manager,
        dao,
        due.flatMap(({ obligation }) => (isTransfer(obligation) ? [obligation] : [])),
      );
      const open = await this.repository.open(this.config.chain.chainId, dao.safeAddress, manager);
      let nonce = nextNonce(
        account.nonce,
        open.map((other) => other.nonce),
      );
      for (const planned of planSafeTransactions(due, this.config.treasury.maxTransfersPerTx)) {
        if (planned.kind === 'CALLS') {
          const { calls, subject } = planned.item.obligation;
          const fields = await this.kit.build(dao.safeAddress, calls, nonce);
          await this.insert(manager, dao, account, fields, calls, {
            origin: planned.origin,
            subject,
            carried: [planned.item],
            announcements,
          });
          nonce += 1n;
          continue;
        }
        const parts = await splitToGasCap(
          planned.items,
          (part) => this.estimate(dao.safeAddress, part, nonce),
          this.config.treasury.gasCap,
        );
        for (const { part, gas } of parts) {
          if (gas > this.config.treasury.gasCap)
            throw new TreasuryError(
              TreasuryErrorCode.TRANSFER_ABOVE_GAS_CAP,
              `One transfer alone is estimated at ${gas} gas, above the cap of ${this.config.treasury.gasCap}`,
              { gas: gas.toString() },
            );
          const token = await this.tokens.read(part[0].obligation.token);
          const actions: SafeAction[] = part.map(({ obligation }) => ({
            ...transferCall(obligation),
            humanReadable: describeTransfer({
              amount: obligation.amount,
              decimals: token.decimals,
              symbol: token.symbol,
              recipient: obligation.payee,
              handle: obligation.payeeName,
              reason: obligation.description,
            }),
          }));
          const fields = await this.kit.build(dao.safeAddress, actions, nonce);
          await this.insert(manager, dao, account, fields, actions, {
            origin: planned.origin,
            subject: planned.subject,
            estimatedGas: gas,
            carried: part,
            announcements,
          });
          nonce += 1n;
        }
      }
    });
    await this.announce(announcements);
    await this.kickIndexer();
  }

  /**
   * `proposeSafeRejection`, signed by an owner of the DAO's Safe (as on-chain now) or a DAO admin: a
   * rejection of an open transaction of the DAO, the no-op at its nonce. Once executed, it consumes
   * the nonce, and every other transaction at that nonce becomes REPLACED. Idempotent per nonce: a
   * rejection already proposed there is returned; the same envelope again returns its first answer.
   */
  async proposeRejection(input: DaoSignedInput & { safeTxHash: string }): Promise<SafeTransaction> {
    const dao = await this.daos.bySlug(input.dao);
    const target = await this.byHash(input.safeTxHash);
    if (target.daoId !== dao.id)
      throw new TreasuryError(
        TreasuryErrorCode.SAFE_TX_NOT_FOUND,
        `No Safe transaction ${input.safeTxHash} in DAO "${dao.slug}"`,
        { safeTxHash: input.safeTxHash, dao: dao.slug },
      );
    const [fields, safe] = await Promise.all([
      this.kit.rejection(dao.safeAddress, target.nonce),
      this.safeState(dao),
    ]);
    const hash = this.kit.hash(dao.safeAddress, fields, safe.account.version);
    const announcements = noAnnouncements();
    const { safeTxHash } = await this.signedWrites.run(
      'ProposeSafeRejection',
      { from: input.from, dao: dao.slug, safeTxHash: input.safeTxHash as Hex, timestamp: input.timestamp },
      input.signature,
      async ({ signer, manager }) => {
        await this.assertOwnerOrAdmin(dao, safe.account, signer);
        await this.lockDao(manager, dao, safe);
        const current = (await this.repository.find(target.safeTxHash, manager)) ?? target;
        if (!OPEN_STATUSES.has(current.status)) throw this.closed(current);
        if ((await this.repository.find(hash, manager)) === null)
          await this.insert(
            manager,
            dao,
            safe.account,
            fields,
            [
              {
                ...fields,
                humanReadable: `Reject nonce ${fields.nonce}: a call of the Safe to itself that does nothing`,
              },
            ],
            { origin: 'REJECTION', subject: null, carried: [], announcements },
          );
        return { daoId: dao.id, result: { safeTxHash: hash } };
      },
    );
    await this.announce(announcements);
    return this.byHash(String(safeTxHash));
  }

  // --- confirming and executing -----------------------------------------------------------------

  /**
   * An owner's confirmation: the safeTxHash is recomputed from the stored fields, the signer
   * recovered (ECDSA, eth_sign, ERC-1271, approved hash) and checked against the Safe's owners as
   * they are on-chain now. A repeated confirmation changes nothing. READY at the threshold. Each new
   * confirmation is announced to `safeTransactionUpdated` subscribers.
   */
  async confirm(safeTxHash: string, signature: string): Promise<SafeTransaction> {
    const parsed = parseSafeSignature(signature);
    const tx = await this.byHash(safeTxHash);
    if (!OPEN_STATUSES.has(tx.status) || tx.status === 'EXECUTING') throw this.closed(tx);
    const account = await this.chain.account(tx.safe);
    this.assertNonceUnused(tx, account);
    const hash = this.kit.hash(tx.safe, tx, account.version);
    if (hash !== tx.safeTxHash)
      throw new TreasuryError(
        TreasuryErrorCode.HASH_MISMATCH,
        `The stored fields of ${tx.safeTxHash} hash to ${hash}: refusing to collect signatures for it`,
        { safeTxHash: tx.safeTxHash, recomputed: hash },
      );
    const owner = await this.signerOf(parsed, tx, account);
    if (!account.owners.includes(owner))
      throw new TreasuryError(
        TreasuryErrorCode.NOT_AN_OWNER,
        `The signature is from ${owner}, not an owner of Safe ${tx.safe}: a non-owner signed, or the signature is over another transaction (another nonce, chain or Safe)`,
        { signer: owner, safe: tx.safe, owners: account.owners },
      );
    const announcements = noAnnouncements();
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.find(tx.safeTxHash, manager, true);
      if (locked === null || !OPEN_STATUSES.has(locked.status) || locked.status === 'EXECUTING')
        throw this.closed(locked ?? tx);
      const stored = await this.repository.confirm(manager, tx.safeTxHash, {
        owner,
        signature: parsed.signature,
        signatureType: parsed.type,
      });
      const confirmed = (await this.repository.confirmations(tx.safeTxHash, manager)).filter((c) =>
        account.owners.includes(c.owner),
      );
      if (locked.status === 'AWAITING_CONFIRMATIONS' && confirmed.length >= account.threshold) {
        await this.repository.update(manager, tx.safeTxHash, { status: 'READY' });
        announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: 'READY' });
      } else if (stored) {
        // A new confirmation below the threshold (or past it): owners watching see it arrive.
        announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: locked.status });
      }
    });
    await this.announce(announcements);
    return this.byHash(tx.safeTxHash);
  }

  /**
   * Sends a READY transaction with the relay key. Two requests at once send it once: the row is
   * locked while the relay sends, and the second finds it EXECUTING. A transaction that would revert
   * is not sent: it becomes FAILED with the revert reason (its nonce stays unused; it can be retried
   * once the cause is fixed, or rejected).
   */
  async execute(safeTxHash: string): Promise<SafeTransaction> {
    this.chain.requireRelayer();
    const tx = await this.byHash(safeTxHash);
    if (tx.status === 'EXECUTING' || tx.status === 'EXECUTED') return tx;
    if (tx.status === 'REPLACED') throw this.closed(tx);
    const account = await this.chain.account(tx.safe);
    this.assertNonceUnused(tx, account);
    if (tx.nonce > account.nonce)
      throw new TreasuryError(
        TreasuryErrorCode.NONCE_NOT_NEXT,
        `Nonce ${tx.nonce} is not next: the Safe executes nonce ${account.nonce} first`,
        { nonce: tx.nonce.toString(), safeNonce: account.nonce.toString() },
      );
    const signatures = await this.thresholdSignatures(tx, account);
    if (signatures === null) {
      const { confirmedBy } = await this.signing(tx);
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
      if (locked.status === 'REPLACED') throw this.closed(locked);
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
    await this.announce(announcements);
    await this.kickIndexer();
    return this.byHash(tx.safeTxHash);
  }

  // --- indexing ---------------------------------------------------------------------------------

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
    const head = (await this.chain.headBlock()) - BigInt(this.config.treasury.confirmationDepth);
    if (head < 0n) return;
    const stored = await this.repository.account(this.config.chain.chainId, safe);
    const reorg = BigInt(this.config.treasury.reorgBlocks);
    let from =
      stored === null ? head : stored.indexedTo - reorg + 1n > 0n ? stored.indexedTo - reorg + 1n : 0n;
    const windowStart = from;
    for (;;) {
      const to = from + LOG_CHUNK - 1n < head ? from + LOG_CHUNK - 1n : head;
      const executions = from <= to ? await this.chain.executions(safe, from, to) : [];
      const account = await this.chain.account(safe, to);
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
      await this.announce(announcements);
      if (to >= head) break;
      from = to + 1n;
    }
    for (const dao of daos) await this.proposeWhatIsDue(dao);
  }

  /** The Safes of every DAO on this chain, each once. */
  safes(): Promise<Address[]> {
    return this.daos.safes();
  }

  /**
   * Proposes, without being asked, what the DAO's sources owe: a Safe transaction for every newly
   * SUCCEEDED proposal with actions, payouts for every round with due tranches (vesting unlocks over
   * time; replaced payouts are planned again), each subject on its own, so that one which cannot be
   * proposed (say, an unfunded payout) holds up no other: it is logged and tried on the next pass.
   */
  private async proposeWhatIsDue(dao: Dao): Promise<void> {
    const reading: PayablesTx = {
      manager: this.dataSource.manager,
      afterCommit: () => {
        throw new Error('A payable source changed state while the treasury only asked what is due');
      },
    };
    const due = await collectDue(this.payables.all(), dao.id, reading, (kind, ids, everCarried) =>
      this.repository.carried(this.dataSource.manager, kind, ids, everCarried),
    );
    const subjects = new Map<string, { subject: string | null; sources: Set<PayableSource> }>();
    for (const { source, obligation } of due) {
      const key = `${source.origin}/${obligation.subject ?? ''}`;
      const entry = subjects.get(key) ?? { subject: obligation.subject, sources: new Set() };
      entry.sources.add(source);
      subjects.set(key, entry);
    }
    for (const { subject, sources } of subjects.values()) {
      const what = `${[...sources].map((source) => source.kind).join('+')} ${subject ?? '(no subject)'}`;
      try {
        await this.plan(dao, [...sources], { subject, requested: false });
        this.refusals.delete(what);
      } catch (error) {
        if (!(error instanceof TreasuryError)) throw error;
        // Said once, not on every pass: an unfunded payout waits for funds, quietly.
        if (this.refusals.get(what) === error.message) continue;
        this.refusals.set(what, error.message);
        this.logger.warn({ dao: dao.slug, code: error.code }, `${what} not proposed: ${error.message}`);
      }
    }
  }

  // --- internals --------------------------------------------------------------------------------

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

  /**
   * Runs `work` under the DAO's treasury lock with its Safe as on-chain now. The indexer's cursor is
   * started here if the Safe has none, before any transaction of it exists: every later execution is
   * then in the log the indexer reads.
   */
  private async withDaoLock(
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
  private async safeState(dao: Dao): Promise<SafeState> {
    const [account, head] = await Promise.all([this.chain.account(dao.safeAddress), this.chain.headBlock()]);
    const confirmed = head - BigInt(this.config.treasury.confirmationDepth);
    return { account, indexedTo: confirmed > 0n ? confirmed - 1n : 0n };
  }

  /** Takes the DAO's treasury lock in the caller's transaction and saves its Safe as read. */
  private async lockDao(manager: EntityManager, dao: Dao, safe: SafeState): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `guildhall.treasury:${dao.safeAddress}`,
    ]);
    await this.repository.saveAccount(manager, safe.account, safe.indexedTo);
  }

  /** An owner of the DAO's Safe (as read on-chain) or an admin of the DAO; NOT_AN_OWNER otherwise. */
  private async assertOwnerOrAdmin(dao: Dao, account: SafeAccount, signer: Address): Promise<void> {
    if (account.owners.includes(signer) || (await this.daos.admins(dao.id)).includes(signer)) return;
    throw new TreasuryError(
      TreasuryErrorCode.NOT_AN_OWNER,
      `${signer} is neither an owner of Safe ${dao.safeAddress} nor an admin of DAO "${dao.slug}"`,
      { signer, safe: dao.safeAddress, owners: account.owners, dao: dao.slug },
    );
  }

  /** Stores a new Safe transaction; the sources of what it carries mark it in flight. */
  private async insert(
    manager: EntityManager,
    dao: Dao,
    account: SafeAccount,
    fields: SafeTxFields,
    actions: readonly SafeAction[],
    origin: {
      origin: SafeTransaction['origin'];
      subject: string | null;
      estimatedGas?: bigint;
      carried: ReadonlyArray<Due>;
      announcements: Announcements;
    },
  ): Promise<Hex> {
    const safeTxHash = this.kit.hash(dao.safeAddress, fields, account.version);
    await this.repository.insert(
      manager,
      {
        ...fields,
        safeTxHash,
        daoId: dao.id,
        chainId: this.config.chain.chainId,
        safe: dao.safeAddress,
        origin: origin.origin,
        proposalId: origin.origin === 'PROPOSAL' ? origin.subject : null,
        roundId: origin.origin === 'PAYOUT' ? origin.subject : null,
        revenueShareId: origin.origin === 'REVENUE_SHARE' ? origin.subject : null,
        actions,
        estimatedGas: origin.estimatedGas ?? null,
        status: 'AWAITING_CONFIRMATIONS',
        statusReason: null,
        executionTxHash: null,
        executionBlock: null,
      },
      origin.carried.map(({ source, obligation }) => ({
        source: source.kind,
        id: obligation.id,
        token: isTransfer(obligation) ? obligation.token : null,
        amount: isTransfer(obligation) ? obligation.amount : null,
      })),
    );
    const bySource = new Map<PayableSource, string[]>();
    for (const { source, obligation } of origin.carried)
      bySource.set(source, [...(bySource.get(source) ?? []), obligation.id]);
    const tx = payablesTx(manager, origin.announcements);
    for (const [source, ids] of bySource) await source.markInFlight(ids, safeTxHash, tx);
    origin.announcements.safeTxs.push({ safeTxHash, daoSlug: dao.slug, status: 'AWAITING_CONFIRMATIONS' });
    return safeTxHash;
  }

  /** Refuses payouts the Safe cannot fund, counting what its open payouts already promise. */
  private async assertFunded(
    manager: EntityManager,
    dao: Dao,
    due: readonly TransferObligation[],
  ): Promise<void> {
    const needed = new Map<Address, bigint>();
    for (const transfer of due)
      needed.set(transfer.token, (needed.get(transfer.token) ?? 0n) + transfer.amount);
    for (const [token, amount] of needed) {
      const [balance, promised] = await Promise.all([
        this.chain.balanceOf(token, dao.safeAddress),
        this.repository.promised(manager, dao.safeAddress, token),
      ]);
      if (balance - promised < amount) {
        const { symbol } = await this.tokens.read(token);
        throw new TreasuryError(
          TreasuryErrorCode.PAYOUT_UNFUNDED,
          `The Safe cannot fund this payout: it holds ${balance} base units of ${symbol}, ${promised} are promised to open payouts, and this one needs ${amount}`,
          { token, balance: balance.toString(), promised: promised.toString(), needed: amount.toString() },
        );
      }
    }
  }

  /** Simulated gas of a batch as one Safe transaction. */
  private async estimate(
    safe: Address,
    part: ReadonlyArray<Due<TransferObligation>>,
    nonce: bigint,
  ): Promise<bigint> {
    const fields = await this.kit.build(
      safe,
      part.map(({ obligation }) => transferCall(obligation)),
      nonce,
    );
    const simulation = await this.chain.simulate(safe, fields);
    if (!simulation.success)
      throw new TreasuryError(
        TreasuryErrorCode.PAYOUT_UNFUNDED,
        `The payout would revert: ${simulation.revertReason}`,
        { reason: simulation.revertReason },
      );
    return simulation.gas;
  }

  private async signerOf(
    parsed: ParsedSignature,
    tx: SafeTransaction,
    account: SafeAccount,
  ): Promise<Address> {
    const invalid = (why: string) =>
      new TreasuryError(TreasuryErrorCode.INVALID_SIGNATURE, `Invalid Safe signature: ${why}`, {
        type: parsed.type,
      });
    switch (parsed.type) {
      case 'EOA':
        return recoverAddress({ hash: tx.safeTxHash, signature: parsed.signature }).catch(() => {
          throw invalid('no signer can be recovered from it');
        });
      case 'ETH_SIGN':
        return recoverAddress({
          hash: hashMessage({ raw: tx.safeTxHash }),
          signature: parsed.recoverable,
        }).catch(() => {
          throw invalid('no signer can be recovered from it');
        });
      case 'APPROVED_HASH':
        if (!(await this.chain.isApprovedHash(tx.safe, parsed.owner, tx.safeTxHash)))
          throw invalid(`${parsed.owner} has not approved this hash on the Safe (approveHash)`);
        return parsed.owner;
      case 'CONTRACT': {
        const preimage = this.kit.preimage(tx.safe, tx, account.version);
        if (!(await this.chain.isValidContractSignature(parsed.owner, preimage, parsed.contractSignature)))
          throw invalid(
            `${parsed.owner} does not accept it as its contract signature (ERC-1271 isValidSignature refused or reverted, or the address has no code: an EOA cannot sign with v = 0)`,
          );
        return parsed.owner;
      }
    }
  }

  /** execTransaction's signatures from current owners' confirmations, or null below the threshold. */
  private async thresholdSignatures(tx: SafeTransaction, account: SafeAccount): Promise<Hex | null> {
    const confirmations = (await this.repository.confirmations(tx.safeTxHash)).filter((c) =>
      account.owners.includes(c.owner),
    );
    if (confirmations.length < account.threshold) return null;
    return this.kit.signatureBytes(
      confirmations
        .slice(0, account.threshold)
        .map(({ owner, signature, signatureType }) => toOwnerSignature(owner, signature, signatureType)),
    );
  }

  private async failureReason(tx: SafeTransaction, data: Hex | undefined): Promise<string> {
    const outer = revertReasonOf(data);
    const simulation = await this.chain.simulate(tx.safe, tx).catch(() => null);
    return simulation !== null && !simulation.success ? `${simulation.revertReason} (${outer})` : outer;
  }

  private assertNonceUnused(tx: SafeTransaction, account: SafeAccount): void {
    if (tx.nonce < account.nonce)
      throw new TreasuryError(
        TreasuryErrorCode.NONCE_ALREADY_USED,
        `Nonce ${tx.nonce} is already used: the Safe is at nonce ${account.nonce}`,
        { nonce: tx.nonce.toString(), safeNonce: account.nonce.toString() },
      );
  }

  private closed(tx: SafeTransaction): TreasuryError {
    return new TreasuryError(
      TreasuryErrorCode.SAFE_TX_CLOSED,
      `Safe transaction ${tx.safeTxHash} is ${tx.status}${tx.statusReason ? ` (${tx.statusReason})` : ''}: it takes no more confirmations`,
      { safeTxHash: tx.safeTxHash, status: tx.status },
    );
  }

  /** Asks for a treasury pass now (dropped when one is already waiting). */
  private async kickIndexer(): Promise<void> {
    await this.jobs.send(TreasurySweep, {}, { singletonKey: SWEEP_NOW });
  }

  private async announce({ safeTxs, afterCommit }: Announcements): Promise<void> {
    for (const event of safeTxs) await this.notifier.publish(SAFE_TX_UPDATED_TOPIC, event);
    for (const announce of afterCommit) await announce();
  }

  updates(): AsyncIterableIterator<SafeTxUpdatedEvent> {
    return this.notifier.subscribe<SafeTxUpdatedEvent>(SAFE_TX_UPDATED_TOPIC);
  }
}

const transferCall = (transfer: TransferObligation) => ({
  to: transfer.token,
  value: 0n,
  data: encodeFunctionData({
    abi: erc20Abi,
    functionName: 'transfer',
    args: [transfer.payee, transfer.amount],
  }),
  operation: 0 as const,
});

/**
 * The subject a transaction's origin shows: the proposal of a PROPOSAL, the round of a PAYOUT, the
 * share of a REVENUE_SHARE.
 */
const subjectOf = (tx: SafeTransaction, origin: SafeTransaction['origin']) =>
  origin === 'PROPOSAL'
    ? tx.proposalId
    : origin === 'PAYOUT'
      ? tx.roundId
      : origin === 'REVENUE_SHARE'
        ? tx.revenueShareId
        : null;

function toOwnerSignature(owner: Address, signature: Hex, type: SignatureType) {
  if (type !== 'CONTRACT') return { owner, signature, isContractSignature: false };
  const parsed = parseSafeSignature(signature);
  return {
    owner,
    signature: parsed.type === 'CONTRACT' ? parsed.contractSignature : signature,
    isContractSignature: true,
  };
}
