import { SignedMessageEntity } from './signed-message.entity.db.js';

export { SignedMessageEntity };
export type { StoredTypedData } from './signed-message.entity.db.js';

/** Every TypeORM entity of this lib (the audit log), for the data source. */
export const signedWritesEntities = [SignedMessageEntity];
