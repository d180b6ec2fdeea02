import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeFunctionData, erc20Abi, getAddress, type Hex } from 'viem';
import { StatementLines, type StatementLine, type StatementSource } from '@guildhall/statements/lines';
import type { StoredSafeAction } from '../datasources/treasury.entity.db.js';

interface ExecutedRow {
  safe_tx_hash: string;
  actions: StoredSafeAction[];
  execution_tx_hash: string | null;
  execution_block: string | null;
  updated_at: Date;
}

/** transfer(address,uint256) */
const TRANSFER_SELECTOR = '0xa9059cbb';

interface Transfer {
  readonly index: number;
  readonly token: string;
  readonly payee: string;
  readonly amount: bigint;
}

/** The ERC20 transfers among a Safe transaction's calls (one, or each call of a batch). */
function transfersOf(actions: readonly StoredSafeAction[]): Transfer[] {
  return actions.flatMap((action, index) => {
    if (!action.data.toLowerCase().startsWith(TRANSFER_SELECTOR)) return [];
    const { args } = decodeFunctionData({ abi: erc20Abi, data: action.data as Hex });
    const [payee, amount] = args as readonly [string, bigint];
    return [{ index, token: getAddress(action.to), payee: getAddress(payee), amount }];
  });
}

/**
 * The token transfers the DAO's Safe executed to a contributor, whichever source owed them: what
 * left the Safe, at its execution (the transaction's last change, once EXECUTED, is its
 * reconciliation). Recorded only: the tranche, bounty or revenue line it paid counts the amount.
 */
@StatementLines()
@Injectable()
export class SafeTransfersStatementLines implements StatementSource {
  readonly name = 'safe-transfers';

  private executed(daoId: string, from: Date, to: Date, manager: EntityManager): Promise<ExecutedRow[]> {
    return manager.query<ExecutedRow[]>(
      `SELECT safe_tx_hash, actions, execution_tx_hash, execution_block::text, updated_at
         FROM safe_transaction
        WHERE dao_id = $1 AND status = 'EXECUTED' AND updated_at >= $2 AND updated_at < $3`,
      [daoId, from, to],
    );
  }

  async lines(
    daoId: string,
    contributor: string,
    from: Date,
    to: Date,
    manager: EntityManager,
  ): Promise<StatementLine[]> {
    return (await this.executed(daoId, from, to, manager)).flatMap((row) =>
      transfersOf(row.actions)
        .filter((transfer) => transfer.payee === contributor)
        .map((transfer): StatementLine => ({
          kind: 'TOKEN_PAYOUT',
          id: `${row.safe_tx_hash}/${transfer.index}`,
          at: row.updated_at,
          asset: { type: 'TOKEN', token: transfer.token },
          amount: transfer.amount,
          status: 'EXECUTED',
          counts: 'RECORD',
          description: `Safe transaction ${row.safe_tx_hash}`,
          detail: row.actions[transfer.index].humanReadable,
          txHash: row.execution_tx_hash,
          block: row.execution_block === null ? null : BigInt(row.execution_block),
        })),
    );
  }

  async contributors(daoId: string, from: Date, to: Date, manager: EntityManager): Promise<string[]> {
    const rows = await this.executed(daoId, from, to, manager);
    return [...new Set(rows.flatMap((row) => transfersOf(row.actions).map((transfer) => transfer.payee)))];
  }
}
