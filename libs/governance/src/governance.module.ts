import { Module } from '@nestjs/common';
import { TypeOrmDaoRepository } from './datasources/dao.repository.js';
import { GovernanceChainReader } from './datasources/governance-chain.reader.js';
import { ProposalRepository } from './datasources/proposal.repository.js';
import { TokenLogIndexer } from './datasources/token-log.indexer.js';
import { DAO_REPOSITORY } from './domain/dao.repository.js';
import { DaoService } from './domain/dao.service.js';
import { ProposalLifecycleHandler } from './domain/proposal-lifecycle.handler.js';
import { ProposalService } from './domain/proposal.service.js';
import { VoteService } from './domain/vote.service.js';
import { VotingPowerReadAhead } from './domain/voting-power-read-ahead.js';
import { DaoResolver } from './graphql/dao.resolver.js';
import { ProposalActionResolver } from './graphql/proposal-action.resolver.js';
import { ProposalResolver } from './graphql/proposal.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const governanceResolvers = [DaoResolver, ProposalResolver, ProposalActionResolver];

@Module({
  providers: [
    { provide: DAO_REPOSITORY, useClass: TypeOrmDaoRepository },
    GovernanceChainReader,
    ProposalRepository,
    TokenLogIndexer,
    DaoService,
    ProposalService,
    VotingPowerReadAhead,
    VoteService,
    ProposalLifecycleHandler,
    ...governanceResolvers,
  ],
  exports: [DaoService, ProposalService, GovernanceChainReader, TokenLogIndexer],
})
export class GovernanceModule {}
