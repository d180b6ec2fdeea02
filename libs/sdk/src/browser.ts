/** The browser-safe SDK (no Node built-ins): what the web app bundles. `index.ts` is Node's. */
export * from './client.js';
export * from './errors.js';
export * from './generated/graphql.js';
export * from './signing.js';
export * from './safe-eth-sign.js';
