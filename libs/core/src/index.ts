export * from './errors/index.js';
export * from './schemas/index.js';
export * from './eip712/index.js';
export * from './graphql/index.js';
