import { Module } from '@nestjs/common';
import { DaoModule } from '@guildhall/dao';
import { GovernanceChainReader } from './datasources/governance-chain.reader.js';
import { ProposalRepository } from './datasources/proposal.repository.js';
import { TokenLogIndexer } from './datasources/token-log.indexer.js';
import { ProposalLifecycleHandler } from './domain/proposal-lifecycle.handler.js';
import { ProposalPayable } from './domain/proposal.payable.js';
import { ProposalService } from './domain/proposal.service.js';
import { VoteService } from './domain/vote.service.js';
import { VotingPowerReadAhead } from './domain/voting-power-read-ahead.js';
import { ProposalActionResolver } from './graphql/proposal-action.resolver.js';
import { ProposalResolver } from './graphql/proposal.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const governanceResolvers = [ProposalResolver, ProposalActionResolver];

@Module({
  imports: [DaoModule],
  providers: [
    GovernanceChainReader,
    ProposalRepository,
    TokenLogIndexer,
    ProposalService,
    VotingPowerReadAhead,
    VoteService,
    ProposalLifecycleHandler,
    ProposalPayable,
    ...governanceResolvers,
  ],
  exports: [ProposalService, GovernanceChainReader, TokenLogIndexer],
})
export class GovernanceModule {}
