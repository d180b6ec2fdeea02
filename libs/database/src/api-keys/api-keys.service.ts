import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommonError, CommonErrorCode } from '@guildhall/core';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyEntity } from '../datasources/api-key.entity.db.js';

/** An API key as listed: never the key itself, which only `create` returns, once. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** What a key looks like: `gh_` and 43 base64url characters (32 random bytes). */
const KEY_FORMAT = /^gh_[A-Za-z0-9_-]{43}$/;
const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME_LENGTH = 100;

const hashOf = (key: string): string => createHash('sha256').update(key).digest('hex');

const recordOf = (row: ApiKeyEntity): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

/**
 * API keys of known integrators, which lift the API's rate limits. A key is 32 random bytes; only
 * its SHA-256 is stored, so a key that is lost is revoked and replaced, never read back.
 */
@Injectable()
export class ApiKeys {
  constructor(private readonly dataSource: DataSource) {}

  /** A new key for `name`: the returned `key` is the only copy there will ever be. */
  async create(name: string): Promise<{ key: string; record: ApiKeyRecord }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
      throw new CommonError(
        CommonErrorCode.BAD_INPUT,
        `name: from 1 to ${MAX_NAME_LENGTH} characters, saying who the key is for`,
        { field: 'name' },
      );
    }
    const key = `gh_${randomBytes(32).toString('base64url')}`;
    const row = await this.repository().save(
      this.repository().create({ name: trimmed, keyHash: hashOf(key), revokedAt: null }),
    );
    return { key, record: recordOf(row) };
  }

  /** Every key, newest first, revoked ones too. */
  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.repository().find({ order: { createdAt: 'DESC' } });
    return rows.map(recordOf);
  }

  /** Revokes the key with this id (revoking it again changes nothing). */
  async revoke(id: string): Promise<ApiKeyRecord> {
    if (!UUID_FORMAT.test(id)) {
      throw new CommonError(CommonErrorCode.BAD_INPUT, `id: not an API key id (a UUID): ${id}`, {
        field: 'id',
      });
    }
    await this.repository().update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    const row = await this.repository().findOneBy({ id });
    if (row === null) {
      throw new CommonError(CommonErrorCode.NOT_FOUND, `No API key has the id ${id}`, { id });
    }
    return recordOf(row);
  }

  /** Whether `key` is a key that was created and not revoked. */
  async isValid(key: string): Promise<boolean> {
    if (!KEY_FORMAT.test(key)) return false;
    return this.repository().exists({ where: { keyHash: hashOf(key), revokedAt: IsNull() } });
  }

  private repository() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }
}
