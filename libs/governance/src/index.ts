export * from './domain/index.js';
export * from './governance.module.js';
export { GovernanceChainReader } from './datasources/governance-chain.reader.js';
export { TokenLogIndexer } from './datasources/token-log.indexer.js';
export { VotingPowerReadAhead } from './domain/voting-power-read-ahead.js';
export { ProposalService } from './domain/proposal.service.js';
export type { Proposal, ProposalStateEvent } from './domain/proposal.js';
