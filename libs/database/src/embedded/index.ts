export * from './data-dir-lock.js';
export * from './embedded-postgres.js';
