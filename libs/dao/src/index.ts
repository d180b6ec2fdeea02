export * from './dao.module.js';
export { DaoChainReader } from './datasources/dao-chain.reader.js';
export * from './domain/dao.js';
export * from './domain/dao.error.js';
export * from './domain/dao.repository.js';
export * from './domain/dao.service.js';
export * from './domain/voting-config.js';
export * from './domain/voting-rules.js';
export { QuorumKindEnum, VoteTypeEnum } from './graphql/dao.object.js';
