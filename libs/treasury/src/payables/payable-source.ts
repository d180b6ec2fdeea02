import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Address, Hex } from 'viem';
import type { SafeAction } from '../domain/safe-transaction.js';

/**
 * The treasury's transaction, lent to a source: every state change a source makes runs in it (under
 * the DAO's treasury lock when planning, the Safe's indexer lock when reconciling), so an obligation
 * and the Safe transaction that carries it change together or not at all.
 */
export interface PayablesTx {
  readonly manager: EntityManager;
  /** Runs once the transaction commits (say, announcing a state change to subscribers). */
  afterCommit(announce: () => Promise<void>): void;
}

/**
 * Where a Safe transaction came from, as its origin shows it: a round's payout, a proposal, a
 * revenue share's payout, a bounty's payout.
 */
export type PayableOrigin = 'PAYOUT' | 'PROPOSAL' | 'REVENUE_SHARE' | 'BOUNTY';

interface ObligationBase {
  /** Stable within its source: the same obligation has the same id on every pass. */
  readonly id: string;
  /**
   * What the obligation belongs to (a round, a proposal), shown as its Safe transaction's origin.
   * Obligations of different subjects never share a Safe transaction; null mixes with any other null.
   */
  readonly subject: string | null;
}

/** An ERC20 transfer owed: batched with other transfers of the token into MultiSendCallOnly. */
export interface TransferObligation extends ObligationBase {
  readonly payee: Address;
  /** How signers know the payee (a contributor's handle), when the source knows. */
  readonly payeeName: string | null;
  readonly token: Address;
  /** In the token's base units. */
  readonly amount: bigint;
  /** Why it is owed, for the people signing: "round Round 3, attestation 42". */
  readonly description: string;
}

/** Calls the Safe owes as they are (a passed proposal's actions): one Safe transaction of their own. */
export interface CallsObligation extends ObligationBase {
  readonly calls: readonly SafeAction[];
}

export type Obligation = TransferObligation | CallsObligation;

export const isTransfer = (obligation: Obligation): obligation is TransferObligation =>
  'amount' in obligation;

/** Where the Safe executed the transaction that carried the obligations. */
export interface Execution {
  readonly txHash: Hex;
  readonly block: bigint;
}

/**
 * Anything that owes the DAO's Safe something to do. The treasury asks every source of a DAO what
 * is due, plans Safe transactions from all of them on one nonce queue, and tells the source what
 * became of its obligations. The treasury records which Safe transaction carries which obligation,
 * with at most one that may still execute per obligation (a unique index): a source marks its own
 * states (in flight, paid, failed, released) and owns its own tables.
 */
export interface PayableSource {
  /** Stable name of the source, stored with every obligation a Safe transaction carries. */
  readonly kind: string;
  readonly origin: PayableOrigin;
  /**
   * What a released obligation does: planned again on the next pass (a tranche), or only when asked
   * for its subject (a proposal whose transaction owners rejected must not come back on its own).
   */
  readonly replan: 'AUTOMATIC' | 'ON_REQUEST';
  /**
   * What the DAO owes now and has not paid, in a stable order; `subject` narrows it to one subject.
   * It may list obligations already in flight: the treasury leaves those out.
   */
  due(daoId: string, tx: PayablesTx, subject?: string): Promise<Obligation[]>;
  /**
   * How much of `token` (base units) the DAO owes through this source and has not paid yet: what is
   * due, what a Safe transaction carries, and what the source has reserved to owe later (an open
   * bounty's reward). Read in the caller's transaction: the treasury's funds check adds it up.
   */
  outstanding(daoId: string, token: Address, tx: Pick<PayablesTx, 'manager'>): Promise<bigint>;
  /** Now carried by the Safe transaction `safeTxHash`. */
  markInFlight(ids: readonly string[], safeTxHash: Hex, tx: PayablesTx): Promise<void>;
  /** The Safe executed it: paid, in `execution`. */
  markPaid(ids: readonly string[], execution: Execution, tx: PayablesTx): Promise<void>;
  /** The Safe used the nonce but the call reverted. */
  markFailed(ids: readonly string[], execution: Execution, tx: PayablesTx): Promise<void>;
  /** Its Safe transaction can no longer execute (another took its nonce): free to be planned again. */
  release(ids: readonly string[], tx: PayablesTx): Promise<void>;
  /**
   * For a request to pay one subject now: the DAO it belongs to, or the source's typed error when
   * there is no such subject.
   */
  daoOf(subject: string): Promise<string>;
  /** Why nothing of `subject` is due or open, as the typed error the request fails with. */
  nothingDue(subject: string): Promise<Error>;
}

export const PAYABLE_SOURCE_METADATA = Symbol('guildhall:payable-source');

/**
 * Marks a provider as a payable source: the treasury discovers it at boot, so a feature plugs in a
 * source by providing it in its own module, and the treasury imports no feature.
 */
export const Payable = (): ClassDecorator => SetMetadata(PAYABLE_SOURCE_METADATA, true);
