export * from './domain/index.js';
export * from './contributions.module.js';
