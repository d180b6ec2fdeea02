import { DaoAdminEntity } from './dao-admin.entity.db.js';
import { DaoEntity } from './dao.entity.db.js';

export { DaoAdminEntity, DaoEntity };

/** Every TypeORM entity of the DAO lib, for the data source. */
export const daoEntities = [DaoEntity, DaoAdminEntity];
