import { Module } from '@nestjs/common';
import { GovernanceModule } from '@guildhall/governance';
import { RewardsModule } from '@guildhall/rewards';
import { SafeChain } from './datasources/safe-chain.js';
import { TreasuryRepository } from './datasources/treasury.repository.js';
import { TreasuryHandler } from './domain/treasury.handler.js';
import { TreasuryService } from './domain/treasury.service.js';
import { SafeTransactionResolver, TreasuryResolver } from './graphql/treasury.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const treasuryResolvers = [TreasuryResolver, SafeTransactionResolver];

@Module({
  imports: [GovernanceModule, RewardsModule],
  providers: [SafeChain, TreasuryRepository, TreasuryService, TreasuryHandler, ...treasuryResolvers],
  exports: [TreasuryService],
})
export class TreasuryModule {}
