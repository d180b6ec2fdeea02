import { TokenPriceEntity } from './token-price.entity.db.js';

export { TokenPriceEntity };

/** Every TypeORM entity of the statements lib, for the data source. */
export const statementsEntities = [TokenPriceEntity];
