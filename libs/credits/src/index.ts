export * from './credits.module.js';
export * from './domain/credits.js';
export * from './domain/credits.error.js';
export * from './domain/credits.jobs.js';
export * from './domain/credits.service.js';
