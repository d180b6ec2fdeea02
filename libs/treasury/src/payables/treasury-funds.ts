import type { Address } from 'viem';
import type { PayablesTx } from './payable-source.js';

/**
 * Whether the DAO's Safe can cover one more obligation: what a feature asks before it promises to
 * pay later (a bounty's reward), without importing the treasury. `TREASURY_FUNDS` is the token the
 * treasury provides it under, globally.
 */
export interface TreasuryFunds {
  /**
   * Refuses (INSUFFICIENT_TREASURY_FUNDS) when the Safe's balance of `token` is below what every
   * payable source of the DAO has outstanding plus `amount`. It takes the DAO's funds lock for the
   * rest of `tx`: two reservations of one DAO are checked one after the other, each seeing the one
   * committed before it, so they never both pass on the same funds.
   */
  assertCovers(daoId: string, token: Address, amount: bigint, tx: Pick<PayablesTx, 'manager'>): Promise<void>;
}

export const TREASURY_FUNDS = Symbol('TREASURY_FUNDS');
