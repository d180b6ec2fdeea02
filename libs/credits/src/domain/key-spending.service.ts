import { Injectable } from '@nestjs/common';
import { DaoService } from '@guildhall/dao';
import type {
  CaptureRequest,
  CreditBalance,
  CreditHold,
  CreditSpendingKey,
  CreditTransfer,
  HoldRequest,
  SpendRequest,
} from './credits.js';
import { CreditsError, CreditsErrorCode } from './credits.error.js';
import { CreditsService } from './credits.service.js';
import { SpendingKeys } from './spending-keys.service.js';

/** What a service asks with its key: the contributor, the credit type, the amount; never the service. */
export type KeyHoldRequest = Omit<HoldRequest, 'service'>;
export type KeySpendRequest = Omit<SpendRequest, 'service'>;

/**
 * The ledger as a service sees it through its spending key (GraphQL and the metering endpoint
 * alike): the key names the DAO and the spend account, so a key used for another DAO is WRONG_DAO
 * and a hold of another service's account is, to this key, not there (HOLD_NOT_FOUND). Every check
 * runs before anything is written.
 */
@Injectable()
export class KeySpending {
  constructor(
    private readonly credits: CreditsService,
    private readonly keys: SpendingKeys,
    private readonly daos: DaoService,
  ) {}

  async holdCredits(key: string | undefined, dao: string, request: KeyHoldRequest): Promise<CreditHold> {
    const { daoId, spendingKey } = await this.authorize(key, dao);
    return this.credits.holdCredits(daoId, { ...request, service: spendingKey.service });
  }

  async spend(key: string | undefined, dao: string, request: KeySpendRequest): Promise<CreditTransfer> {
    const { daoId, spendingKey } = await this.authorize(key, dao);
    return this.credits.spend(daoId, { ...request, service: spendingKey.service });
  }

  async capture(key: string | undefined, dao: string, request: CaptureRequest): Promise<CreditHold> {
    const { daoId } = await this.ownHold(key, dao, request.holdId);
    return this.credits.capture(daoId, request);
  }

  async voidHold(key: string | undefined, dao: string, holdId: string): Promise<CreditHold> {
    const { daoId } = await this.ownHold(key, dao, holdId);
    return this.credits.voidHold(daoId, holdId);
  }

  /** One of the key's own holds. */
  async hold(key: string | undefined, dao: string, holdId: string): Promise<CreditHold> {
    return (await this.ownHold(key, dao, holdId)).hold;
  }

  /** The balances of the key's spend account: the one account a key reads. */
  async balances(
    key: string | undefined,
    dao: string,
  ): Promise<{ spendingKey: CreditSpendingKey; balances: CreditBalance[] }> {
    const { spendingKey } = await this.authorize(key, dao);
    return { spendingKey, balances: await this.credits.accountBalances(spendingKey.spendAccountId) };
  }

  private async authorize(
    key: string | undefined,
    dao: string,
  ): Promise<{ daoId: string; spendingKey: CreditSpendingKey }> {
    const spendingKey = await this.keys.authenticate(key);
    const { id } = await this.daos.bySlug(dao);
    if (spendingKey.daoId !== id)
      throw new CreditsError(
        CreditsErrorCode.WRONG_DAO,
        `This spending key belongs to another DAO than ${dao}`,
        {
          dao,
        },
      );
    return { daoId: id, spendingKey };
  }

  private async ownHold(
    key: string | undefined,
    dao: string,
    holdId: string,
  ): Promise<{ daoId: string; hold: CreditHold }> {
    const { daoId, spendingKey } = await this.authorize(key, dao);
    const hold = await this.credits.hold(daoId, holdId);
    if (hold.spendAccountId !== spendingKey.spendAccountId)
      throw new CreditsError(CreditsErrorCode.HOLD_NOT_FOUND, `No hold ${holdId}`, { hold: holdId });
    return { daoId, hold };
  }
}
