export * from './domain/index.js';
export * from './rewards.module.js';
export { RewardsChainReader } from './datasources/rewards-chain.reader.js';
export { RoundService } from './domain/round.service.js';
