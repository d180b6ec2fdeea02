export * from './governance.error.js';
export * from './voting.js';
export * from './action-description.js';
