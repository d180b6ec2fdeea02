import { Module } from '@nestjs/common';
import { TypeOrmDaoRepository } from './datasources/dao.repository.js';
import { DAO_REPOSITORY } from './domain/dao.repository.js';
import { DaoService } from './domain/dao.service.js';
import { DaoResolver } from './graphql/dao.resolver.js';

/** Resolvers of this lib, for the schema generator. */
export const daoResolvers = [DaoResolver];

/**
 * The DAO itself: identity, chain, governance token, Safe, admins and voting rules. Every feature
 * reaches a DAO through `DaoService`, never through its entity.
 */
@Module({
  providers: [{ provide: DAO_REPOSITORY, useClass: TypeOrmDaoRepository }, DaoService, ...daoResolvers],
  exports: [DaoService],
})
export class DaoModule {}
