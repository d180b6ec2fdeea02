import { ApiKeyEntity } from './api-key.entity.db.js';
import { RateLimitEntity } from './rate-limit.entity.db.js';

export { ApiKeyEntity, RateLimitEntity };
export * from './numeric-bigint.transformer.js';

/** The entities this lib owns; the data source collects them with every feature's. */
export const databaseEntities = [ApiKeyEntity, RateLimitEntity];
