export * from './keccak.js';
