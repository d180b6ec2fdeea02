import { Global, Module } from '@nestjs/common';
import { ContributionsModule, ROUND_PHASES_READER } from '@guildhall/contributions';
import { DaoModule } from '@guildhall/dao';
import { GovernanceModule } from '@guildhall/governance';
import { RevenuePayablesRepository } from './datasources/revenue-payables.repository.js';
import { RevenueRepository } from './datasources/revenue.repository.js';
import { RoundRepository } from './datasources/round.repository.js';
import { TranchePayablesRepository } from './datasources/tranche-payables.repository.js';
import { RevenueIndexHandler } from './domain/revenue-index.handler.js';
import { RevenueSharePayable } from './domain/revenue-share.payable.js';
import { RevenueService } from './domain/revenue.service.js';
import { RoundLifecycleHandler } from './domain/round-lifecycle.handler.js';
import { RoundTranchesPayable } from './domain/round-tranches.payable.js';
import { RewardsStatementLines } from './domain/rewards.statement-lines.js';
import { RoundService } from './domain/round.service.js';
import { RevenueRecordResolver, RevenueShareResolver } from './graphql/revenue.resolver.js';
import { RoundResolver } from './graphql/round.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const rewardsResolvers = [RoundResolver, RevenueRecordResolver, RevenueShareResolver];

/** Lends contributions its view of rounds (contributions cannot import rewards: rewards builds on it). */
@Global()
@Module({
  imports: [DaoModule],
  providers: [RoundRepository, { provide: ROUND_PHASES_READER, useExisting: RoundRepository }],
  exports: [RoundRepository, ROUND_PHASES_READER],
})
export class RoundPhasesModule {}

@Module({
  imports: [DaoModule, RoundPhasesModule, ContributionsModule, GovernanceModule],
  providers: [
    RoundService,
    RoundLifecycleHandler,
    RevenueRepository,
    RevenueService,
    RevenueIndexHandler,
    RevenuePayablesRepository,
    RevenueSharePayable,
    TranchePayablesRepository,
    RoundTranchesPayable,
    RewardsStatementLines,
    ...rewardsResolvers,
  ],
  exports: [RoundService],
})
export class RewardsModule {}
