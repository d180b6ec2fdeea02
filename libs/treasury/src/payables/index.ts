export * from './payable-source.js';
export * from './treasury-funds.js';
export { TreasuryError, TreasuryErrorCode } from '../domain/treasury.error.js';
export { TreasuryFundsError, TreasuryFundsErrorCode } from '../domain/treasury-funds.error.js';
export { SWEEP_NOW, TreasurySweep } from '../domain/treasury.jobs.js';
