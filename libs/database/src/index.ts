export * from './database.error.js';
export * from './data-source.js';
export * from './embedded/index.js';
export * from './database.module.js';
export * from './jobs/index.js';
export * from './notifications/index.js';
export * from './api-keys/index.js';
export { migrations } from './migrations/index.js';
