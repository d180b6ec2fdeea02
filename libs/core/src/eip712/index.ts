export * from './domain.js';
export * from './safe-message.js';
export * from './messages.js';
export * from './safe-tx.js';
