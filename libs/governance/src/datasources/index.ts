import { DaoEntity } from './dao.entity.db.js';

export { DaoEntity };

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const governanceEntities = [DaoEntity];
