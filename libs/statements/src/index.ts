export * from './statements.module.js';
export * from './domain/statement.js';
export * from './domain/statement-csv.js';
export * from './domain/statements.error.js';
export * from './domain/statements.service.js';
export * from './domain/usd.js';
