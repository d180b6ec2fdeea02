import { Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { checksumAddress, type Address, type DaoSignedInput } from '@guildhall/core';
import { DaoService } from '@guildhall/dao';
import { SignedWrites } from '@guildhall/signed-writes';
import { TokenPriceEntity } from '../datasources/token-price.entity.db.js';
import type { TokenPrice } from './statement.js';
import { StatementsError, StatementsErrorCode } from './statements.error.js';
import { normalizePrice } from './usd.js';

/**
 * Token prices a DAO's admin records (RecordTokenPrice, docs/signing.md): the only source of a
 * statement's USD values. A recorded price is never changed: the same price again is a no-op,
 * another price for the same token and date is refused.
 */
@Injectable()
export class TokenPrices {
  constructor(
    private readonly daos: DaoService,
    private readonly signedWrites: SignedWrites,
    private readonly chain: ChainReader,
  ) {}

  async record(
    input: DaoSignedInput & { token: Address; usdPerToken: string; asOf: bigint },
  ): Promise<TokenPrice> {
    const dao = await this.daos.bySlug(input.dao);
    const usdPerToken = normalizePrice(input.usdPerToken);
    const token = checksumAddress(input.token);
    await this.chain.assertErc20(token);
    const asOf = new Date(Number(input.asOf) * 1000);
    await this.signedWrites.run(
      'RecordTokenPrice',
      {
        from: input.from,
        dao: dao.slug,
        token: input.token,
        usdPerToken: input.usdPerToken,
        asOf: input.asOf,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const prices = manager.getRepository(TokenPriceEntity);
        await prices
          .createQueryBuilder()
          .insert()
          .values({ daoId: dao.id, token, asOf, usdPerToken, recordedBy: signer })
          .orIgnore()
          .execute();
        const stored = await prices.findOneByOrFail({ daoId: dao.id, token, asOf });
        if (normalizePrice(stored.usdPerToken) !== usdPerToken)
          throw new StatementsError(
            StatementsErrorCode.PRICE_CONFLICT,
            `${token} already has a price of ${stored.usdPerToken} USD as of ${asOf.toISOString()}`,
            { token, asOf: asOf.toISOString(), recorded: stored.usdPerToken },
          );
        return { daoId: dao.id, result: {} };
      },
    );
    return { token, usdPerToken, asOf };
  }
}
