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
import { RoundRepository } from '../datasources/round.repository.js';
import { TranchePayablesRepository, type DueTranche } from '../datasources/tranche-payables.repository.js';
import { RoundService } from './round.service.js';

/** Why a tranche is paid: "round Round 3, attestation 42" or "round Spring, reviewer dividends (REVIEWERS)". */
export function trancheReason(tranche: Pick<DueTranche, 'roundName' | 'attestations' | 'pool'>): string {
  const why =
    tranche.attestations.length === 0
      ? `reviewer dividends (${tranche.pool})`
      : `${tranche.attestations.length === 1 ? 'attestation' : 'attestations'} ${tranche.attestations.join(', ')}`;
  return `round ${tranche.roundName}, ${why}`;
}

/**
 * A finalized round's vesting tranches, as the treasury pays them: due once unlocked, the round
 * PAYING once one is in flight and PAID once none is left unpaid. A tranche whose transaction is
 * replaced or fails on-chain is planned again on the next pass.
 */
@Payable()
@Injectable()
export class RoundTranchesPayable implements PayableSource {
  readonly kind = 'round-tranches';
  readonly origin = 'PAYOUT';
  readonly replan = 'AUTOMATIC';

  constructor(
    private readonly tranches: TranchePayablesRepository,
    private readonly rounds: RoundRepository,
    private readonly roundService: RoundService,
  ) {}

  async due(daoId: string, { manager }: PayablesTx, roundId?: string): Promise<TransferObligation[]> {
    const due = await this.tranches.due(manager, daoId, new Date(), roundId);
    return due.map((tranche) => ({
      id: tranche.id,
      subject: tranche.roundId,
      payee: tranche.recipient,
      payeeName: tranche.handle,
      token: tranche.token,
      amount: tranche.amount,
      description: trancheReason(tranche),
    }));
  }

  outstanding(daoId: string, token: Address, { manager }: Pick<PayablesTx, 'manager'>): Promise<bigint> {
    return this.tranches.outstanding(manager, daoId, token);
  }

  async markInFlight(ids: readonly string[], _safeTxHash: Hex, tx: PayablesTx): Promise<void> {
    for (const roundId of await this.tranches.roundsOf(tx.manager, ids))
      await this.moveRound(roundId, ['FINALIZED'], 'PAYING', tx);
  }

  async markPaid(ids: readonly string[], execution: Execution, tx: PayablesTx): Promise<void> {
    const rounds = await this.tranches.roundsOf(tx.manager, ids);
    await this.tranches.pay(tx.manager, ids, execution.txHash, execution.block);
    for (const roundId of rounds)
      if ((await this.tranches.unpaid(tx.manager, roundId)) === 0)
        await this.moveRound(roundId, ['FINALIZED', 'PAYING'], 'PAID', tx);
  }

  /** The Safe's call reverted: the tranches stay unpaid and are planned again. */
  async markFailed(): Promise<void> {}

  /** Nothing to undo: a tranche is due again as soon as no live transaction carries it. */
  async release(): Promise<void> {}

  async daoOf(roundId: string): Promise<string> {
    const round = await this.rounds.findById(roundId);
    if (round === null)
      throw new TreasuryError(TreasuryErrorCode.ROUND_NOT_FOUND, `No round ${roundId}`, { round: roundId });
    return round.daoId;
  }

  async nothingDue(roundId: string): Promise<Error> {
    const round = await this.rounds.findById(roundId);
    if (round !== null && round.state !== 'FINALIZED' && round.state !== 'PAYING')
      return new TreasuryError(
        TreasuryErrorCode.ROUND_NOT_PAYABLE,
        `Round ${roundId} is ${round.state}: only FINALIZED or PAYING rounds are paid`,
        { round: roundId, state: round.state },
      );
    return new TreasuryError(
      TreasuryErrorCode.NOTHING_TO_PAY,
      `Round ${roundId} has no tranche due and unpaid: everything unlocked so far is paid or being paid`,
      { round: roundId },
    );
  }

  private async moveRound(
    roundId: string,
    from: Parameters<RoundService['movePayment']>[2],
    to: 'PAYING' | 'PAID',
    tx: PayablesTx,
  ): Promise<void> {
    const moved = await this.roundService.movePayment(tx.manager, roundId, from, to);
    if (moved !== null) tx.afterCommit(() => this.roundService.announce(moved));
  }
}
