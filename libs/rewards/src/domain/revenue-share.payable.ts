import { Injectable } from '@nestjs/common';
import {
  Payable,
  TreasuryError,
  TreasuryErrorCode,
  type Execution,
  type PayableSource,
  type PayablesTx,
  type TransferObligation,
} from '@guildhall/treasury/payables';
import { DataSource } from 'typeorm';
import type { Address, Hex } from 'viem';
import { RevenuePayablesRepository, type DueAllocation } from '../datasources/revenue-payables.repository.js';
import { RewardsError, RewardsErrorCode } from './rewards.error.js';

/** Why an allocation is paid: `revenue "invoice 7" shared to holders` or `… to contributors of guild-7b`. */
export function revenueShareReason(
  allocation: Pick<DueAllocation, 'reference' | 'target' | 'model'>,
): string {
  const to =
    allocation.target === 'CONTRIBUTORS_OF_MODEL' ? `contributors of ${allocation.model ?? ''}` : 'holders';
  return `revenue "${allocation.reference}" shared to ${to}`;
}

/**
 * A revenue share's allocations (those at or above its minimum payout), as the treasury pays them:
 * due as soon as the share is COMPUTED, each an IN_FLIGHT allocation while a Safe transaction
 * carries it; the share PAYING once one is in flight and PAID once none is left unpaid. An allocation
 * whose transaction is replaced or fails on-chain is PENDING again and planned on the next pass.
 */
@Payable()
@Injectable()
export class RevenueSharePayable implements PayableSource {
  readonly kind = 'revenue-shares';
  readonly origin = 'REVENUE_SHARE';
  readonly replan = 'AUTOMATIC';

  constructor(
    private readonly allocations: RevenuePayablesRepository,
    private readonly dataSource: DataSource,
  ) {}

  async due(daoId: string, { manager }: PayablesTx, shareId?: string): Promise<TransferObligation[]> {
    const due = await this.allocations.due(manager, daoId, shareId);
    return due.map((allocation) => ({
      id: allocation.id,
      subject: allocation.shareId,
      payee: allocation.payee,
      payeeName: allocation.handle,
      token: allocation.token,
      amount: allocation.amount,
      description: revenueShareReason(allocation),
    }));
  }

  outstanding(daoId: string, token: Address, { manager }: Pick<PayablesTx, 'manager'>): Promise<bigint> {
    return this.allocations.outstanding(manager, daoId, token);
  }

  async markInFlight(ids: readonly string[], _safeTxHash: Hex, { manager }: PayablesTx): Promise<void> {
    await this.allocations.setInFlight(manager, ids, true);
    for (const shareId of await this.allocations.sharesOf(manager, ids))
      await this.allocations.moveShare(manager, shareId, ['COMPUTED'], 'PAYING');
  }

  async markPaid(ids: readonly string[], execution: Execution, { manager }: PayablesTx): Promise<void> {
    const shares = await this.allocations.sharesOf(manager, ids);
    await this.allocations.pay(manager, ids, execution.txHash, execution.block);
    for (const shareId of shares)
      if ((await this.allocations.unpaid(manager, shareId)) === 0)
        await this.allocations.moveShare(manager, shareId, ['COMPUTED', 'PAYING'], 'PAID');
  }

  /** The Safe's call reverted: the allocations are PENDING again and planned on the next pass. */
  async markFailed(ids: readonly string[], _execution: Execution, { manager }: PayablesTx): Promise<void> {
    await this.allocations.setInFlight(manager, ids, false);
  }

  /** Another transaction took the nonce: the allocations are PENDING again. */
  async release(ids: readonly string[], { manager }: PayablesTx): Promise<void> {
    await this.allocations.setInFlight(manager, ids, false);
  }

  async daoOf(shareId: string): Promise<string> {
    const share = await this.allocations.find(this.dataSource.manager, shareId);
    if (share === null)
      throw new RewardsError(RewardsErrorCode.REVENUE_NOT_FOUND, `No revenue share ${shareId}`, {
        share: shareId,
      });
    return share.daoId;
  }

  async nothingDue(shareId: string): Promise<Error> {
    const share = await this.allocations.find(this.dataSource.manager, shareId);
    return new TreasuryError(
      TreasuryErrorCode.NOTHING_TO_PAY,
      `Revenue share ${shareId} has no allocation due and unpaid: it is ${share?.state ?? 'unknown'}`,
      { share: shareId },
    );
  }
}
