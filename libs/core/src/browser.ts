/**
 * The browser-safe part of @guildhall/core (no Node built-ins, no Buffer, no process): what the web
 * app bundles. `index.ts` adds the server-side helpers on top.
 */
export * from './lean.js';
export * from './eip712/index.js';
export * from './graphql/index.js';
export * from './amount.js';
export * from './attestation-format.js';
export * from './bounded-map.js';
