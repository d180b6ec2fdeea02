import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import type { DaoSignedInput } from '@guildhall/core';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService, type Dao } from '@guildhall/dao';
import { ChainReader, type SafeAccount } from '@guildhall/chain';
import { DataSource, type EntityManager } from 'typeorm';
import { encodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import { SafeChain } from '../datasources/safe-chain.js';
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
import {
  OPEN_STATUSES,
  nextNonce,
  type SafeAction,
  type SafeTransaction,
  type SafeTxFields,
} from './safe-transaction.js';
import { TreasuryQueries } from './treasury-queries.js';
import {
  TreasuryTransactions,
  closedError,
  noAnnouncements,
  payablesTx,
  type Announcements,
} from './treasury-transactions.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/**
 * Turns what the DAO's payable sources owe (passed proposals, due tranches, revenue shares) into
 * Safe transactions, on demand or on every treasury pass, and proposes rejections. An obligation is
 * carried by at most one live Safe transaction (a unique index).
 */
@Injectable()
export class PayoutProposer {
  private readonly logger = new Logger(PayoutProposer.name);
  /** The last reason each due subject (a proposal, a round) could not be proposed, as last logged. */
  private readonly refusals = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TreasuryRepository,
    private readonly chain: SafeChain,
    private readonly kit: SafeKit,
    private readonly reader: ChainReader,
    private readonly daos: DaoService,
    private readonly payables: PayablesRegistry,
    private readonly signedWrites: SignedWrites,
    private readonly queries: TreasuryQueries,
    private readonly transactions: TreasuryTransactions,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

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
    await this.transactions.withDaoLock(dao, async (manager, account) => {
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
          const token = await this.reader.token(part[0].obligation.token);
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
    await this.transactions.announce(announcements);
    await this.transactions.kickIndexer();
  }

  /**
   * `proposeSafeRejection`, signed by an owner of the DAO's Safe (as on-chain now) or a DAO admin: a
   * rejection of an open transaction of the DAO, the no-op at its nonce. Once executed, it consumes
   * the nonce, and every other transaction at that nonce becomes REPLACED. Idempotent per nonce: a
   * rejection already proposed there is returned; the same envelope again returns its first answer.
   */
  async proposeRejection(input: DaoSignedInput & { safeTxHash: string }): Promise<SafeTransaction> {
    const dao = await this.daos.bySlug(input.dao);
    const target = await this.queries.byHash(input.safeTxHash);
    if (target.daoId !== dao.id)
      throw new TreasuryError(
        TreasuryErrorCode.SAFE_TX_NOT_FOUND,
        `No Safe transaction ${input.safeTxHash} in DAO "${dao.slug}"`,
        { safeTxHash: input.safeTxHash, dao: dao.slug },
      );
    const [fields, safe] = await Promise.all([
      this.kit.rejection(dao.safeAddress, target.nonce),
      this.transactions.safeState(dao),
    ]);
    const hash = this.kit.hash(dao.safeAddress, fields, safe.account.version);
    const announcements = noAnnouncements();
    const { safeTxHash } = await this.signedWrites.run(
      'ProposeSafeRejection',
      { from: input.from, dao: dao.slug, safeTxHash: input.safeTxHash as Hex, timestamp: input.timestamp },
      input.signature,
      async ({ signer, manager }) => {
        await this.assertOwnerOrAdmin(dao, safe.account, signer);
        await this.transactions.lockDao(manager, dao, safe);
        const current = (await this.repository.find(target.safeTxHash, manager)) ?? target;
        if (!OPEN_STATUSES.has(current.status)) throw closedError(current);
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
    await this.transactions.announce(announcements);
    return this.queries.byHash(String(safeTxHash));
  }

  /**
   * Proposes, without being asked, what the DAO's sources owe: a Safe transaction for every newly
   * SUCCEEDED proposal with actions, payouts for every round with due tranches (vesting unlocks over
   * time; replaced payouts are planned again), each subject on its own, so that one which cannot be
   * proposed (say, an unfunded payout) holds up no other: it is logged and tried on the next pass.
   */
  async proposeWhatIsDue(dao: Dao): Promise<void> {
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
        this.reader.balanceOf(token, dao.safeAddress),
        this.repository.promised(manager, dao.safeAddress, token),
      ]);
      if (balance - promised < amount) {
        const { symbol } = await this.reader.token(token);
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
