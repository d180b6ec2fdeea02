export * from './errors/index.js';
export * from './schemas/index.js';
export * from './crypto/index.js';
export * from './eip712/index.js';
export * from './graphql/index.js';
export * from './pagination/index.js';
export * from './run-main.js';
export * from './json.js';
