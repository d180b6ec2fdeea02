import { Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { DaoService } from '@guildhall/dao';
import type { Address } from 'viem';
import type { PayablesTx } from '../payables/payable-source.js';
import { PayablesRegistry } from '../payables/payables.registry.js';
import type { TreasuryFunds } from '../payables/treasury-funds.js';
import { TreasuryFundsError, TreasuryFundsErrorCode } from './treasury-funds.error.js';

/**
 * The funds check behind `TREASURY_FUNDS`: the Safe's balance of a token against what every payable
 * source of the DAO has outstanding in it (due, in flight, reserved) plus the new amount, under a
 * per-DAO advisory lock held until the caller's transaction ends.
 */
@Injectable()
export class TreasuryFundsService implements TreasuryFunds {
  constructor(
    private readonly payables: PayablesRegistry,
    private readonly daos: DaoService,
    private readonly reader: ChainReader,
  ) {}

  async assertCovers(
    daoId: string,
    token: Address,
    amount: bigint,
    tx: Pick<PayablesTx, 'manager'>,
  ): Promise<void> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `guildhall.treasury-funds:${daoId}`,
    ]);
    const dao = await this.daos.byId(daoId, tx.manager);
    let owed = 0n;
    for (const source of this.payables.all()) owed += await source.outstanding(daoId, token, tx);
    const balance = await this.reader.balanceOf(token, dao.safeAddress);
    if (balance - owed >= amount) return;
    const { symbol } = await this.reader.token(token);
    throw new TreasuryFundsError(
      TreasuryFundsErrorCode.INSUFFICIENT_TREASURY_FUNDS,
      `The Safe of DAO "${dao.slug}" cannot cover ${amount} base units of ${symbol}: it holds ${balance} and already owes ${owed} (due, in flight or reserved)`,
      { token, balance: balance.toString(), owed: owed.toString(), needed: amount.toString() },
    );
  }
}
