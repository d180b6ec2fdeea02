import {
  BountyClaimEntity,
  BountyEntity,
  BountyPayoutEntity,
  BountyReviewEntity,
} from './bounty.entity.db.js';

export { BountyClaimEntity, BountyEntity, BountyPayoutEntity, BountyReviewEntity };

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const bountiesEntities = [BountyEntity, BountyClaimEntity, BountyReviewEntity, BountyPayoutEntity];
