import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import { DaoModule } from '@guildhall/dao';
import { SafeChain } from './datasources/safe-chain.js';
import { SafeKit } from './datasources/safe-kit.js';
import { TreasuryRepository } from './datasources/treasury.repository.js';
import { TreasuryFundsService } from './domain/treasury-funds.js';
import { TreasuryHandler } from './domain/treasury.handler.js';
import { PayoutProposer } from './domain/payout-proposer.js';
import { SafeConfirmations } from './domain/safe-confirmations.js';
import { SafeExecutor } from './domain/safe-executor.js';
import { SafeIndexer } from './domain/safe-indexer.js';
import { TreasuryQueries } from './domain/treasury-queries.js';
import { SafeTransfersStatementLines } from './domain/safe-transfers.statement-lines.js';
import { TreasuryTransactions } from './domain/treasury-transactions.js';
import { PayablesRegistry } from './payables/payables.registry.js';
import { TREASURY_FUNDS } from './payables/treasury-funds.js';
import { SafeTransactionResolver, TreasuryResolver } from './graphql/treasury.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const treasuryResolvers = [TreasuryResolver, SafeTransactionResolver];

/**
 * The treasury plans what every payable source owes (the features provide their sources, marked
 * `@Payable()`, in their own modules; the registry finds them), so it imports no feature's module:
 * only the DAO's. Global: the features reach its funds check (`TREASURY_FUNDS`) through the payables
 * contract alone.
 */
@Global()
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
    SafeTransfersStatementLines,
    { provide: TREASURY_FUNDS, useClass: TreasuryFundsService },
    ...treasuryResolvers,
  ],
  exports: [TreasuryQueries, PayoutProposer, SafeConfirmations, SafeExecutor, SafeIndexer, TREASURY_FUNDS],
})
export class TreasuryModule {}
