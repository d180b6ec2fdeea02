export * from './payable-source.js';
export { TreasuryError, TreasuryErrorCode } from '../domain/treasury.error.js';
