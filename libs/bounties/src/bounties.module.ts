import { Module } from '@nestjs/common';
import { ContributionsModule } from '@guildhall/contributions';
import { DaoModule } from '@guildhall/dao';
import { BountyRepository } from './datasources/bounty.repository.js';
import { BountyPayable } from './domain/bounty.payable.js';
import { BountyService } from './domain/bounty.service.js';
import { BountyStatementLines } from './domain/bounty.statement-lines.js';
import { BountyClaimResolver, BountyResolver } from './graphql/bounty.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const bountiesResolvers = [BountyResolver, BountyClaimResolver];

/** Bounties; the treasury's funds check (TREASURY_FUNDS) comes from the global treasury module. */
@Module({
  imports: [DaoModule, ContributionsModule],
  providers: [BountyRepository, BountyService, BountyPayable, BountyStatementLines, ...bountiesResolvers],
  exports: [BountyService],
})
export class BountiesModule {}
