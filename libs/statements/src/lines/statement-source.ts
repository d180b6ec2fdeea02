import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a line records. */
export type StatementLineKind =
  | 'ROUND_ALLOCATION'
  | 'VESTING_TRANCHE'
  | 'BOUNTY_PAYOUT'
  | 'REVENUE_ALLOCATION'
  | 'TOKEN_PAYOUT'
  | 'CREDIT_GRANT'
  | 'CREDIT_SPEND'
  | 'CREDIT_EXPIRY';

/** A token on the DAO's chain, by address (checksummed). */
export interface TokenAsset {
  readonly type: 'TOKEN';
  readonly token: string;
}

/** A credit type of the DAO's ledger: amounts are integers of `unit`, shown with `scale` decimals. */
export interface CreditAsset {
  readonly type: 'CREDIT';
  readonly code: string;
  readonly unit: string;
  readonly scale: number;
}

/**
 * How a line counts in the statement's totals: `ALLOCATED` is what the contributor was awarded (a
 * round's allocation, a bounty's payout, a revenue share's allocation); `OWED` is a payment owed
 * to them, paid or pending by its `status` (a tranche, a bounty's or revenue share's payout); a
 * line may be both (`ALLOCATED_OWED`), or neither (`RECORD`: a Safe transfer, whose amount the
 * obligation it paid already counts). Credit lines add up per credit type by kind.
 */
export type StatementLineCount = 'ALLOCATED' | 'OWED' | 'ALLOCATED_OWED' | 'RECORD';

/** One line of a contributor's statement, in base units (tokens) or integer units (credits). */
export interface StatementLine {
  readonly kind: StatementLineKind;
  /** Stable within its kind: the allocation, tranche or transfer it records. */
  readonly id: string;
  /** When it happened: allocated, unlocked, accepted, executed, granted, spent. */
  readonly at: Date;
  readonly asset: TokenAsset | CreditAsset;
  /** Positive; a credit spend or expiry is credits out of the contributor's account by its kind. */
  readonly amount: bigint;
  /** `PAID`, `PENDING`, `IN_FLIGHT`, `CARRIED`, `EXECUTED`…; null when a line has no state. */
  readonly status: string | null;
  readonly counts: StatementLineCount;
  /** What it is, for a person: "Round 3, pool CODE", the bounty's title, the revenue's reference. */
  readonly description: string;
  /** The allocation's explanation, in one sentence, when there is one. */
  readonly detail: string | null;
  readonly txHash: string | null;
  readonly block: bigint | null;
}

/**
 * Anything that has lines for a contributor's statement. Each feature provides its source in its
 * own module (marked `@StatementLines()`); the statements service finds every source at boot and
 * imports no feature.
 */
export interface StatementSource {
  /** Stable name of the source, for errors and ordering. */
  readonly name: string;
  /**
   * The contributor's lines of the DAO with `from <= at < to`, read in `manager` (one snapshot for
   * every source of a statement). `contributor` is checksummed.
   */
  lines(
    daoId: string,
    contributor: string,
    from: Date,
    to: Date,
    manager: EntityManager,
  ): Promise<StatementLine[]>;
  /** Every contributor (checksummed) with a line of the DAO in the period: who an export covers. */
  contributors(daoId: string, from: Date, to: Date, manager: EntityManager): Promise<string[]>;
}

export const STATEMENT_SOURCE_METADATA = Symbol('guildhall:statement-source');

/** Marks a provider as a statement source: the statements service discovers it at boot. */
export const StatementLines = (): ClassDecorator => SetMetadata(STATEMENT_SOURCE_METADATA, true);
