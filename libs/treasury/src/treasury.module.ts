import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DaoModule } from '@guildhall/dao';
import { SafeChain } from './datasources/safe-chain.js';
import { TreasuryRepository } from './datasources/treasury.repository.js';
import { TreasuryHandler } from './domain/treasury.handler.js';
import { TreasuryService } from './domain/treasury.service.js';
import { PayablesRegistry } from './payables/payables.registry.js';
import { SafeTransactionResolver, TreasuryResolver } from './graphql/treasury.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const treasuryResolvers = [TreasuryResolver, SafeTransactionResolver];

/**
 * The treasury plans what every payable source owes (the features provide their sources, marked
 * `@Payable()`, in their own modules; the registry finds them), so it imports no feature's module:
 * only the DAO's.
 */
@Module({
  imports: [DiscoveryModule, DaoModule],
  providers: [
    SafeChain,
    TreasuryRepository,
    PayablesRegistry,
    TreasuryService,
    TreasuryHandler,
    ...treasuryResolvers,
  ],
  exports: [TreasuryService],
})
export class TreasuryModule {}
