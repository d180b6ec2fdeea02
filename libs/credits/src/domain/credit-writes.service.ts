import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  checksumAddress,
  guildhallTypedData,
  hashGuildhallTypedData,
  type Address,
  type DaoSignedInput,
} from '@guildhall/core';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import type { CreditSpendingKey, CreditTransfer, CreditType } from './credits.js';
import { CreditsService } from './credits.service.js';
import { SpendingKeys } from './spending-keys.service.js';

/**
 * The credits writes people sign (docs/signing.md): an admin creates a credit type, grants
 * credits, creates or revokes a service's spending key. Spends and holds are made by services, not
 * people (docs/credits.md), with those keys.
 */
@Injectable()
export class CreditWrites {
  constructor(
    private readonly credits: CreditsService,
    private readonly keys: SpendingKeys,
    private readonly daos: DaoService,
    private readonly signedWrites: SignedWrites,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async createCreditType(
    input: DaoSignedInput & { code: string; name: string; unit: string; scale: number },
  ): Promise<CreditType> {
    const dao = await this.daos.bySlug(input.dao);
    const { id } = await this.signedWrites.run(
      'CreateCreditType',
      {
        from: input.from,
        dao: dao.slug,
        code: input.code,
        name: input.name,
        unit: input.unit,
        scale: input.scale,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const type = await this.credits.createCreditType(dao.id, input, manager);
        return { daoId: dao.id, result: { id: type.id } };
      },
    );
    return (await this.credits.creditTypesById([id]))[0];
  }

  /**
   * The signed grant's client key is its typed-data hash: the same envelope again is a replay,
   * and two grants that differ in any field are two grants.
   */
  async grant(
    input: DaoSignedInput & {
      contributor: Address;
      creditType: string;
      amount: bigint;
      effectiveAt: bigint;
      expiresAt: bigint;
      reference: string;
    },
  ): Promise<CreditTransfer> {
    const dao = await this.daos.bySlug(input.dao);
    const message = {
      from: input.from,
      dao: dao.slug,
      contributor: checksumAddress(input.contributor),
      creditType: input.creditType,
      amount: input.amount,
      effectiveAt: input.effectiveAt,
      expiresAt: input.expiresAt,
      reference: input.reference,
      timestamp: input.timestamp,
    };
    const hash = hashGuildhallTypedData(
      guildhallTypedData(this.config.chain.chainId, 'GrantCredits', message),
    );
    const { transferId } = await this.signedWrites.run(
      'GrantCredits',
      message,
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const seconds = (value: bigint): Date | null =>
          value === 0n ? null : new Date(Number(value) * 1000);
        const transfer = await this.credits.grant(
          dao.id,
          {
            clientKey: `eip712:${hash}`,
            contributor: message.contributor,
            creditType: input.creditType,
            amount: input.amount,
            effectiveAt: seconds(input.effectiveAt) ?? undefined,
            expiresAt: seconds(input.expiresAt),
            reference: input.reference === '' ? null : input.reference,
          },
          manager,
        );
        return { daoId: dao.id, result: { transferId: transfer.id } };
      },
    );
    return this.credits.transfer(dao.id, transferId);
  }

  /**
   * A new spending key for a service of the DAO. Its secret is in the answer to the first
   * envelope only: the audit log keeps the key's id, never the secret, so a replay returns the key
   * with `secret` null.
   */
  async createSpendingKey(
    input: DaoSignedInput & { service: string; name: string },
  ): Promise<{ secret: string | null; key: CreditSpendingKey }> {
    const dao = await this.daos.bySlug(input.dao);
    let secret: string | null = null;
    const { keyId } = await this.signedWrites.run(
      'CreateCreditSpendingKey',
      {
        from: input.from,
        dao: dao.slug,
        service: input.service,
        name: input.name,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const created = await this.keys.create(manager, dao.id, {
          service: input.service,
          name: input.name,
          createdBy: signer,
        });
        secret = created.key;
        return { daoId: dao.id, result: { keyId: created.record.id } };
      },
    );
    return { secret, key: await this.keys.byId(dao.id, keyId) };
  }

  async revokeSpendingKey(input: DaoSignedInput & { keyId: string }): Promise<CreditSpendingKey> {
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'RevokeCreditSpendingKey',
      { from: input.from, dao: dao.slug, keyId: input.keyId, timestamp: input.timestamp },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.keys.revoke(manager, dao.id, input.keyId);
        return { daoId: dao.id, result: { keyId: input.keyId } };
      },
    );
    return this.keys.byId(dao.id, input.keyId);
  }
}
