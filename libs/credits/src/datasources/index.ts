import {
  CreditAccountEntity,
  CreditBalanceEntity,
  CreditGrantEntity,
  CreditGrantUseEntity,
  CreditHoldEntity,
  CreditHoldLotEntity,
  CreditPostingEntity,
  CreditSpendingKeyEntity,
  CreditTransferEntity,
  CreditTypeEntity,
} from './credits.entity.db.js';

export {
  CreditAccountEntity,
  CreditBalanceEntity,
  CreditGrantEntity,
  CreditGrantUseEntity,
  CreditHoldEntity,
  CreditHoldLotEntity,
  CreditPostingEntity,
  CreditSpendingKeyEntity,
  CreditTransferEntity,
  CreditTypeEntity,
};

/** Every TypeORM entity of the credits lib, for the data source. */
export const creditsEntities = [
  CreditTypeEntity,
  CreditAccountEntity,
  CreditTransferEntity,
  CreditPostingEntity,
  CreditBalanceEntity,
  CreditGrantEntity,
  CreditGrantUseEntity,
  CreditHoldEntity,
  CreditHoldLotEntity,
  CreditSpendingKeyEntity,
];
