export * from './client.js';
export * from './errors.js';
export * from './generated/graphql.js';
export * from './signing.js';
