import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { assertName, type Address } from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
import { CreditLedger } from '../datasources/credit-ledger.js';
import { CreditAccountEntity, CreditSpendingKeyEntity } from '../datasources/credits.entity.db.js';
import { CreditAccountKind, type CreditSpendingKey } from './credits.js';
import { CreditsError, CreditsErrorCode } from './credits.error.js';
import { serviceOf } from './credits.service.js';

/**
 * A key is `gh_sk_`, its id (32 hex digits: the row's uuid without dashes, so it is found without
 * a scan) and `_` then its secret (32 random bytes, base64url). Only the secret's SHA-256 is stored:
 * the secret has 256 bits, so a plain hash is as strong as a slow one here.
 */
const KEY_FORMAT = /^gh_sk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME_LENGTH = 100;

const hashOf = (secret: string): Buffer => createHash('sha256').update(secret).digest();

const uuidOf = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** The key of an `Authorization: Bearer gh_sk_…` header, if it has one. */
export const bearerKey = (authorization: string | string[] | undefined): string | undefined => {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
};

const invalidKey = (): CreditsError =>
  new CreditsError(CreditsErrorCode.INVALID_KEY, 'No valid spending key (Authorization: Bearer gh_sk_…)', {});

/**
 * Spending keys (docs/credits.md): created and revoked by a DAO's admins (the signed writes are in
 * CreditWrites), each for one DAO and one service's spend account.
 */
@Injectable()
export class SpendingKeys {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: CreditLedger,
  ) {}

  /** A new key: the returned `key` is the only copy of its secret there will ever be. */
  async create(
    manager: EntityManager,
    daoId: string,
    request: { service: string; name: string; createdBy: Address },
  ): Promise<{ key: string; record: CreditSpendingKey }> {
    const service = serviceOf(request.service);
    const name = request.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH)
      throw new CreditsError(
        CreditsErrorCode.INVALID_KEY_NAME,
        `A key's name is 1 to ${MAX_NAME_LENGTH} characters, saying who holds it`,
        {},
      );
    assertName(name, 'name');
    const account = await this.ledger.account(manager, daoId, CreditAccountKind.SPEND, service);
    const secret = randomBytes(32).toString('base64url');
    const row = await manager.getRepository(CreditSpendingKeyEntity).save({
      daoId,
      spendAccountId: account.id,
      name,
      secretHash: hashOf(secret).toString('hex'),
      createdBy: request.createdBy,
      revokedAt: null,
    });
    return {
      key: `gh_sk_${row.id.replaceAll('-', '')}_${secret}`,
      record: { ...this.recordOf(row), service },
    };
  }

  /** The DAO's keys, newest first, revoked ones too. */
  async list(daoId: string): Promise<CreditSpendingKey[]> {
    return this.records(this.dataSource.manager, { daoId });
  }

  async byId(daoId: string, id: string, manager = this.dataSource.manager): Promise<CreditSpendingKey> {
    const [record] = UUID_FORMAT.test(id) ? await this.records(manager, { daoId, id }) : [];
    if (record === undefined)
      throw new CreditsError(CreditsErrorCode.KEY_NOT_FOUND, `No spending key ${id} in this DAO`, {
        key: id,
      });
    return record;
  }

  /** Revokes a key of the DAO; revoking it again changes nothing. */
  async revoke(manager: EntityManager, daoId: string, id: string): Promise<CreditSpendingKey> {
    await this.byId(daoId, id, manager);
    await manager.query(
      `UPDATE credit_spending_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return this.byId(daoId, id, manager);
  }

  /**
   * The key a bearer secret names: INVALID_KEY when malformed, unknown or its secret is wrong
   * (the same error, compared in constant time, so a caller learns nothing of which), KEY_REVOKED
   * when revoked.
   */
  async authenticate(key: string | undefined): Promise<CreditSpendingKey> {
    const match = key === undefined ? null : KEY_FORMAT.exec(key);
    if (match === null) throw invalidKey();
    const id = uuidOf(match[1]);
    const row = await this.dataSource.getRepository(CreditSpendingKeyEntity).findOneBy({ id });
    const expected = row === null ? Buffer.alloc(32) : Buffer.from(row.secretHash, 'hex');
    if (!timingSafeEqual(hashOf(match[2]), expected) || row === null) throw invalidKey();
    if (row.revokedAt !== null)
      throw new CreditsError(CreditsErrorCode.KEY_REVOKED, `Spending key ${id} was revoked`, { key: id });
    return (await this.records(this.dataSource.manager, { daoId: row.daoId, id }))[0];
  }

  private async records(
    manager: EntityManager,
    where: { daoId: string; id?: string },
  ): Promise<CreditSpendingKey[]> {
    const rows = await manager
      .getRepository(CreditSpendingKeyEntity)
      .createQueryBuilder('k')
      .innerJoinAndMapOne('k.account', CreditAccountEntity, 'a', 'a.id = k.spend_account_id')
      .where('k.dao_id = :daoId', { daoId: where.daoId })
      .andWhere(where.id === undefined ? 'TRUE' : 'k.id = :id', { id: where.id })
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'DESC')
      .getMany();
    return rows.map((row) => ({
      ...this.recordOf(row),
      service: (row as CreditSpendingKeyEntity & { account: CreditAccountEntity }).account.owner,
    }));
  }

  private recordOf(row: CreditSpendingKeyEntity): Omit<CreditSpendingKey, 'service'> {
    return {
      id: row.id,
      daoId: row.daoId,
      spendAccountId: row.spendAccountId,
      name: row.name,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      revokedAt: row.revokedAt,
    };
  }
}
