import {
  PayoutTransferEntity,
  SafeAccountEntity,
  SafeConfirmationEntity,
  SafeTransactionEntity,
} from './treasury.entity.db.js';

export { PayoutTransferEntity, SafeAccountEntity, SafeConfirmationEntity, SafeTransactionEntity };

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const treasuryEntities = [
  SafeTransactionEntity,
  SafeConfirmationEntity,
  PayoutTransferEntity,
  SafeAccountEntity,
];
