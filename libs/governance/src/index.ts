export * from './domain/index.js';
export * from './governance.module.js';
