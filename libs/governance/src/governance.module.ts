import { Module } from '@nestjs/common';
import { TypeOrmDaoRepository } from './datasources/dao.repository.js';
import { GovernanceChainReader } from './datasources/governance-chain.reader.js';
import { DAO_REPOSITORY } from './domain/dao.repository.js';
import { DaoService } from './domain/dao.service.js';
import { DaoResolver } from './graphql/dao.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const governanceResolvers = [DaoResolver];

@Module({
  providers: [
    { provide: DAO_REPOSITORY, useClass: TypeOrmDaoRepository },
    GovernanceChainReader,
    DaoService,
    ...governanceResolvers,
  ],
  exports: [DaoService],
})
export class GovernanceModule {}
