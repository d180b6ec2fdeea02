export * from './governance.error.js';
export * from './voting.js';
