export * from './database.error.js';
export * from './data-source.js';
export * from './embedded/index.js';
