import { DaoAdminEntity } from './dao-admin.entity.db.js';
import { DaoEntity } from './dao.entity.db.js';
import { ProposalEntity } from './proposal.entity.db.js';
import { TokenDelegateEntity, TokenHolderEntity, TokenIndexCursorEntity } from './token-index.entity.db.js';
import { VoteEntity } from './vote.entity.db.js';

export {
  DaoAdminEntity,
  DaoEntity,
  ProposalEntity,
  TokenDelegateEntity,
  TokenHolderEntity,
  TokenIndexCursorEntity,
  VoteEntity,
};
export type { StoredAction } from './proposal.entity.db.js';

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const governanceEntities = [
  DaoEntity,
  DaoAdminEntity,
  ProposalEntity,
  VoteEntity,
  TokenHolderEntity,
  TokenDelegateEntity,
  TokenIndexCursorEntity,
];
