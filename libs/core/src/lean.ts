/**
 * The part of @guildhall/core that loads neither GraphQL nor EIP-712 typed data: errors, the value
 * schemas, text and JSON rules, keccak and checksums, vote types. A short-lived process that needs
 * only these (`guildhall recount`, which reads a file and counts) imports `@guildhall/core/lean` and
 * starts in a fraction of the time the whole entry takes; everything here is also in the whole entry.
 */
export * from './errors/index.js';
export * from './schemas/index.js';
export * from './text.js';
export * from './crypto/index.js';
export * from './json.js';
export * from './vote-types.js';
