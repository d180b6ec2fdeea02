import { Injectable } from '@nestjs/common';
import {
  Payable,
  TreasuryError,
  TreasuryErrorCode,
  type CallsObligation,
  type Execution,
  type PayableSource,
  type PayablesTx,
} from '@guildhall/treasury/payables';
import {
  decodeFunctionData,
  erc20Abi,
  isAddressEqual,
  toFunctionSelector,
  type Address,
  type Hex,
} from 'viem';
import { ProposalRepository } from '../datasources/proposal.repository.js';
import { ProposalService } from './proposal.service.js';
import type { ProposalState } from './voting.js';

const TRANSFER_SELECTOR = toFunctionSelector('transfer(address,uint256)');

/**
 * What the actions send of `token` from the Safe: their ERC20 `transfer` calls to it. Other calls
 * (approvals, calls through other contracts) are not counted.
 */
export function transferredBy(actions: ReadonlyArray<{ to: Address; data: Hex }>, token: Address): bigint {
  let total = 0n;
  for (const action of actions) {
    if (!isAddressEqual(action.to, token) || !action.data.toLowerCase().startsWith(TRANSFER_SELECTOR))
      continue;
    const { args } = decodeFunctionData({ abi: erc20Abi, data: action.data });
    total += args[1] as bigint;
  }
  return total;
}

/**
 * A passed proposal's actions, as the treasury executes them through the Safe: one Safe transaction
 * (MultiSendCallOnly when several actions), the proposal QUEUED while it waits, then EXECUTED or
 * FAILED. A proposal whose transaction is replaced (say, owners rejected it) is SUCCEEDED again but
 * proposed again only when asked.
 */
@Payable()
@Injectable()
export class ProposalPayable implements PayableSource {
  readonly kind = 'proposals';
  readonly origin = 'PROPOSAL';
  readonly replan = 'ON_REQUEST';

  constructor(
    private readonly repository: ProposalRepository,
    private readonly proposals: ProposalService,
  ) {}

  async due(daoId: string, { manager }: PayablesTx, proposalId?: string): Promise<CallsObligation[]> {
    const executable = await this.repository.executable(manager, daoId, proposalId);
    return executable.map(({ id, actions }) => ({
      id,
      subject: id,
      calls: actions.map(({ description, ...call }) => ({ ...call, humanReadable: description })),
    }));
  }

  /** The ERC20 transfers of `token` in passed proposals not executed yet. */
  async outstanding(
    daoId: string,
    token: Address,
    { manager }: Pick<PayablesTx, 'manager'>,
  ): Promise<bigint> {
    return transferredBy(await this.repository.unexecutedActions(manager, daoId), token);
  }

  async markInFlight(ids: readonly string[], _safeTxHash: Hex, tx: PayablesTx): Promise<void> {
    await this.move(ids, ['SUCCEEDED'], 'QUEUED', tx);
  }

  async markPaid(ids: readonly string[], _execution: Execution, tx: PayablesTx): Promise<void> {
    await this.move(ids, ['QUEUED', 'SUCCEEDED'], 'EXECUTED', tx);
  }

  async markFailed(ids: readonly string[], _execution: Execution, tx: PayablesTx): Promise<void> {
    await this.move(ids, ['QUEUED', 'SUCCEEDED'], 'FAILED', tx);
  }

  async release(ids: readonly string[], tx: PayablesTx): Promise<void> {
    await this.move(ids, ['QUEUED'], 'SUCCEEDED', tx);
  }

  async daoOf(proposalId: string): Promise<string> {
    const proposal = await this.repository.findById(proposalId);
    if (proposal === null)
      throw new TreasuryError(TreasuryErrorCode.PROPOSAL_NOT_FOUND, `No proposal ${proposalId}`, {
        proposal: proposalId,
      });
    return proposal.daoId;
  }

  async nothingDue(proposalId: string): Promise<Error> {
    const proposal = await this.repository.findById(proposalId);
    const state = proposal?.state ?? null;
    return new TreasuryError(
      TreasuryErrorCode.PROPOSAL_NOT_EXECUTABLE,
      proposal?.actions.length === 0
        ? `Proposal ${proposalId} has no on-chain actions to execute`
        : `Proposal ${proposalId} is ${state}: only a SUCCEEDED proposal is executed`,
      { proposal: proposalId, state },
    );
  }

  private async move(
    ids: readonly string[],
    from: readonly ProposalState[],
    to: ProposalState,
    tx: PayablesTx,
  ): Promise<void> {
    for (const id of ids) {
      const moved = await this.proposals.moveExecution(tx.manager, id, from, to);
      if (moved !== null) tx.afterCommit(() => this.proposals.announce(moved));
    }
  }
}
