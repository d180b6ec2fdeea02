import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DaoModule } from '@guildhall/dao';
import { StatementsService } from './domain/statements.service.js';
import { TokenPrices } from './domain/token-prices.service.js';
import { StatementsResolver } from './graphql/statements.resolver.js';

/** Resolvers of this lib, for the schema generator. */
export const statementsResolvers = [StatementsResolver];

/**
 * Contributor statements (docs/statements.md): the features provide their lines (`@StatementLines()`
 * from `@guildhall/statements/lines`) in their own modules; the service finds them at boot, so this
 * module imports no feature.
 */
@Module({
  imports: [DiscoveryModule, DaoModule],
  providers: [StatementsService, TokenPrices, ...statementsResolvers],
  exports: [StatementsService],
})
export class StatementsModule {}
