import {
  PayableObligationEntity,
  SafeAccountEntity,
  SafeConfirmationEntity,
  SafeTransactionEntity,
} from './treasury.entity.db.js';

export { PayableObligationEntity, SafeAccountEntity, SafeConfirmationEntity, SafeTransactionEntity };

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const treasuryEntities = [
  SafeTransactionEntity,
  SafeConfirmationEntity,
  PayableObligationEntity,
  SafeAccountEntity,
];
