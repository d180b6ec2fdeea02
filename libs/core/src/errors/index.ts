export * from './guildhall.error.js';
export * from './common.error.js';
