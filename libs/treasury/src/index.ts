export * from './treasury.module.js';
export { TreasuryService } from './domain/treasury.service.js';
export { TreasuryError, TreasuryErrorCode } from './domain/treasury.error.js';
export * from './domain/safe-transaction.js';
export * from './domain/payouts.js';
export * from './domain/safe-signature.js';
export * from './payables/payable-source.js';
