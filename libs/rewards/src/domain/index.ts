export * from './yuma/index.js';
export * from './allocation/index.js';
export * from './rewards.error.js';
export * from './round.js';
export * from './round-scoring.js';
export * from './vesting.js';
export * from './revenue.js';
export * from './revenue-share.js';
