export { startTestChain, type TestChain } from './start-test-chain.js';
export { mintDelegatedVoters } from './delegated-voters.js';
