export * from './domain/index.js';
export * from './rewards.module.js';
export { RoundService } from './domain/round.service.js';
