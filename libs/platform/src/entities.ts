import { creditsEntities } from '@guildhall/credits/datasources';
import { bountiesEntities } from '@guildhall/bounties/datasources';
import { contributionsEntities } from '@guildhall/contributions/datasources';
import { daoEntities } from '@guildhall/dao/datasources';
import { databaseEntities } from '@guildhall/database/datasources';
import { governanceEntities } from '@guildhall/governance/datasources';
import { rewardsEntities } from '@guildhall/rewards/datasources';
import { statementsEntities } from '@guildhall/statements/datasources';
import { signedWritesEntities } from '@guildhall/signed-writes/datasources';
import { treasuryEntities } from '@guildhall/treasury/datasources';

/**
 * Every TypeORM entity of Guildhall, from each lib's `datasources/` barrel: what the processes'
 * data source maps (listed, never globbed: globs break under ESM and jest).
 */
export const entities = [
  ...databaseEntities,
  ...signedWritesEntities,
  ...daoEntities,
  ...governanceEntities,
  ...contributionsEntities,
  ...rewardsEntities,
  ...creditsEntities,
  ...bountiesEntities,
  ...treasuryEntities,
  ...statementsEntities,
];
