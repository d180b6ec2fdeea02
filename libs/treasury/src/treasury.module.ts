import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import { DaoModule } from '@guildhall/dao';
import { SafeChain } from './datasources/safe-chain.js';
import { SafeKit } from './datasources/safe-kit.js';
import { TreasuryRepository } from './datasources/treasury.repository.js';
import { TreasuryHandler } from './domain/treasury.handler.js';
import { PayoutProposer } from './domain/payout-proposer.js';
import { SafeConfirmations } from './domain/safe-confirmations.js';
import { SafeExecutor } from './domain/safe-executor.js';
import { SafeIndexer } from './domain/safe-indexer.js';
import { TreasuryQueries } from './domain/treasury-queries.js';
import { TreasuryTransactions } from './domain/treasury-transactions.js';
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
    {
      provide: SafeKit,
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => new SafeKit(config.chain.rpcUrl, config.chain.chainId),
    },
    TreasuryRepository,
    PayablesRegistry,
    TreasuryTransactions,
    TreasuryQueries,
    PayoutProposer,
    SafeConfirmations,
    SafeExecutor,
    SafeIndexer,
    TreasuryHandler,
    ...treasuryResolvers,
  ],
  exports: [TreasuryQueries, PayoutProposer, SafeConfirmations, SafeExecutor, SafeIndexer],
})
export class TreasuryModule {}
