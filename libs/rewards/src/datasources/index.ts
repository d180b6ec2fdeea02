import {
  ReviewerBondEntity,
  RoundAllocationEntity,
  RoundEntity,
  VestingTrancheEntity,
} from './round.entity.db.js';

export { ReviewerBondEntity, RoundAllocationEntity, RoundEntity, VestingTrancheEntity };

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const rewardsEntities = [RoundEntity, RoundAllocationEntity, VestingTrancheEntity, ReviewerBondEntity];
