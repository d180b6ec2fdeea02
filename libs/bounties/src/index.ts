export * from './domain/bounty.js';
export * from './domain/bounties.error.js';
export * from './bounties.module.js';
export { BountyService } from './domain/bounty.service.js';
