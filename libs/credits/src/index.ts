export * from './credits.module.js';
export * from './domain/credit-writes.service.js';
export * from './domain/credits.js';
export * from './domain/credits.error.js';
export * from './domain/credits.jobs.js';
export * from './domain/credits.service.js';
export * from './domain/key-spending.service.js';
export * from './domain/spending-keys.service.js';
