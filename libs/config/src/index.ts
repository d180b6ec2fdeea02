export * from './env.schema.js';
export * from './config.error.js';
export * from './app-config.js';
export * from './config.module.js';
export * from './logger.options.js';
