import { SignedMessageEntity } from './signed-message.entity.db.js';

export { SignedMessageEntity };
export type { StoredTypedData } from './signed-message.entity.db.js';
export * from './numeric-bigint.transformer.js';

/** The entities this lib owns; the data source collects them with every feature's. */
export const databaseEntities = [SignedMessageEntity];
