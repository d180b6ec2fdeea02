export * from './statement-source.js';
