import { Injectable } from '@nestjs/common';
import { Address } from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttestationKind, ContributorProfile } from '../domain/contribution.js';
import { ContributorProfileEntity } from './contributor-profile.entity.db.js';

const toProfile = (row: ContributorProfileEntity): ContributorProfile => ({
  daoId: row.daoId,
  address: Address.parse(row.address),
  handle: row.handle,
  kinds: row.kinds as AttestationKind[],
  links: row.links,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Contributor profiles; every method that changes state takes the caller's transaction. */
@Injectable()
export class ContributorProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  async profile(daoId: string, address: Address, manager: EntityManager = this.dataSource.manager) {
    const row = await manager.getRepository(ContributorProfileEntity).findOneBy({ daoId, address });
    return row === null ? null : toProfile(row);
  }

  async handleOwner(manager: EntityManager, daoId: string, handle: string): Promise<Address | null> {
    const row = await manager
      .getRepository(ContributorProfileEntity)
      .findOne({ where: { daoId, handleKey: handle.toLowerCase() }, select: { address: true } });
    return row === null ? null : Address.parse(row.address);
  }

  async saveProfile(
    manager: EntityManager,
    profile: {
      daoId: string;
      address: Address;
      handle: string;
      kinds: readonly string[];
      links: readonly string[];
    },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ContributorProfileEntity)
      .values({
        ...profile,
        handleKey: profile.handle.toLowerCase(),
        kinds: [...profile.kinds],
        links: [...profile.links],
      })
      .orUpdate(['handle', 'handle_key', 'kinds', 'links', 'updated_at'], ['dao_id', 'address'])
      .execute();
  }

  /** An address is a contributor once it has a profile or a credit on an attestation. */
  async isContributor(manager: EntityManager, daoId: string, address: Address): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM contributor_profile WHERE dao_id = $1 AND address = $2
       UNION ALL
       SELECT 1 FROM attestation_credit c JOIN attestation a ON a.id = c.attestation_id
        WHERE a.dao_id = $1 AND c.contributor = $2
       LIMIT 1`,
      [daoId, address],
    );
    return rows.length > 0;
  }
}
