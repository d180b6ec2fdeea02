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
import type { Address, Hex } from 'viem';
import { BountyRepository } from '../datasources/bounty.repository.js';
import { BountiesError, BountiesErrorCode } from './bounties.error.js';

/**
 * An accepted bounty's payouts, as the treasury pays them: due as soon as the work is accepted,
 * each IN_FLIGHT while a Safe transaction carries it; the bounty PAYING once one is in flight and
 * PAID once none is left unpaid. A payout whose transaction is replaced or fails on-chain is
 * PENDING again and planned on the next pass. An OPEN bounty's reward counts as outstanding: it is
 * reserved.
 */
@Payable()
@Injectable()
export class BountyPayable implements PayableSource {
  readonly kind = 'bounties';
  readonly origin = 'BOUNTY';
  readonly replan = 'AUTOMATIC';

  constructor(private readonly bounties: BountyRepository) {}

  async due(daoId: string, { manager }: PayablesTx, bountyId?: string): Promise<TransferObligation[]> {
    const due = await this.bounties.due(manager, daoId, bountyId);
    return due.map((payout) => ({
      id: payout.id,
      // No subject: the payouts of every bounty accepted by a pass share Safe transactions (one batch
      // of transfers, each named by its description), not one Safe transaction per bounty.
      subject: null,
      payee: payout.payee,
      payeeName: payout.handle,
      token: payout.token,
      amount: payout.amount,
      description: `bounty "${payout.title}"`,
    }));
  }

  outstanding(daoId: string, token: Address, { manager }: Pick<PayablesTx, 'manager'>): Promise<bigint> {
    return this.bounties.outstanding(manager, daoId, token);
  }

  async markInFlight(ids: readonly string[], _safeTxHash: Hex, { manager }: PayablesTx): Promise<void> {
    await this.bounties.setInFlight(manager, ids, true);
    for (const bountyId of await this.bounties.bountiesOf(manager, ids))
      await this.bounties.moveBounty(manager, bountyId, ['ACCEPTED'], 'PAYING');
  }

  async markPaid(ids: readonly string[], execution: Execution, { manager }: PayablesTx): Promise<void> {
    const bounties = await this.bounties.bountiesOf(manager, ids);
    await this.bounties.pay(manager, ids, execution.txHash, execution.block);
    for (const bountyId of bounties)
      if ((await this.bounties.unpaid(manager, bountyId)) === 0)
        await this.bounties.moveBounty(manager, bountyId, ['ACCEPTED', 'PAYING'], 'PAID');
  }

  /** The Safe's call reverted: the payouts are PENDING again and planned on the next pass. */
  async markFailed(ids: readonly string[], _execution: Execution, { manager }: PayablesTx): Promise<void> {
    await this.bounties.setInFlight(manager, ids, false);
  }

  /** Another transaction took the nonce: the payouts are PENDING again. */
  async release(ids: readonly string[], { manager }: PayablesTx): Promise<void> {
    await this.bounties.setInFlight(manager, ids, false);
  }

  async daoOf(bountyId: string): Promise<string> {
    const bounty = await this.bounties.find(bountyId);
    if (bounty === null)
      throw new BountiesError(BountiesErrorCode.BOUNTY_NOT_FOUND, `No bounty ${bountyId}`, {
        bounty: bountyId,
      });
    return bounty.daoId;
  }

  async nothingDue(bountyId: string): Promise<Error> {
    const bounty = await this.bounties.find(bountyId);
    return new TreasuryError(
      TreasuryErrorCode.NOTHING_TO_PAY,
      `Bounty ${bountyId} has no payout due and unpaid: it is ${bounty?.state ?? 'unknown'}`,
      { bounty: bountyId },
    );
  }
}
