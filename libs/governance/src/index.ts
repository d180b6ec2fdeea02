export * from './domain/index.js';
export * from './governance.module.js';
export { GovernanceChainReader } from './datasources/governance-chain.reader.js';
