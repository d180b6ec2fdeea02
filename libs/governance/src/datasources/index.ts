import { ProposalEntity } from './proposal.entity.db.js';
import { TokenDelegateEntity, TokenHolderEntity, TokenIndexCursorEntity } from './token-index.entity.db.js';
import { VoteEntity } from './vote.entity.db.js';

export { ProposalEntity, TokenDelegateEntity, TokenHolderEntity, TokenIndexCursorEntity, VoteEntity };
export type { StoredAction } from './proposal.entity.db.js';

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const governanceEntities = [
  ProposalEntity,
  VoteEntity,
  TokenHolderEntity,
  TokenDelegateEntity,
  TokenIndexCursorEntity,
];
