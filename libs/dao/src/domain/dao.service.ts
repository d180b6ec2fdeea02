import { Inject, Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type Address, type Page, type SignedInput } from '@guildhall/core';
import { PgNotifier } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import type { EntityManager } from 'typeorm';
import { DAO_UPDATED_TOPIC, type Dao, type DaoUpdatedEvent, type NewDao } from './dao.js';
import { DAO_REPOSITORY, type DaoRepository } from './dao.repository.js';
import { DaoError, DaoErrorCode } from './dao.error.js';
import { validateDaoIdentity, validateVotingConfig, votingConfigMessage } from './voting-config.js';
import type { VotingConfig } from './voting-rules.js';

@Injectable()
export class DaoService {
  constructor(
    @Inject(DAO_REPOSITORY) private readonly daos: DaoRepository,
    @InjectConfig() private readonly config: ResolvedConfig,
    private readonly notifier: PgNotifier,
    private readonly signedWrites: SignedWrites,
    private readonly chain: ChainReader,
  ) {}

  async bySlug(slug: string, manager?: EntityManager): Promise<Dao> {
    const dao = await this.daos.findBySlug(slug.toLowerCase(), manager);
    if (dao === null) throw new DaoError(DaoErrorCode.DAO_NOT_FOUND, `No DAO with slug "${slug}"`, { slug });
    return dao;
  }

  async byId(id: string, manager?: EntityManager): Promise<Dao> {
    const dao = await this.daos.findById(id, manager);
    if (dao === null) throw new DaoError(DaoErrorCode.DAO_NOT_FOUND, `No DAO with id ${id}`, { id });
    return dao;
  }

  /** The slugs of the DAOs among `ids`, by id (to show the rows of several DAOs at once). */
  slugs(ids: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    return this.daos.slugs(ids, manager);
  }

  /** The DAOs this chain's Safe `safe` serves, oldest first. */
  ofSafe(safe: Address): Promise<Dao[]> {
    return this.daos.ofSafe(this.config.chain.chainId, safe);
  }

  /** The Safes of every DAO on this chain, each once. */
  safes(): Promise<Address[]> {
    return this.daos.safes(this.config.chain.chainId);
  }

  list(args: { first?: number | null; after?: string | null }): Promise<Page<Dao>> {
    return this.daos.list(pageRequest(args, this.config.graphql.maxPageSize));
  }

  admins(daoId: string): Promise<Address[]> {
    return this.daos.admins(daoId);
  }

  async assertAdmin(dao: Dao, signer: Address, manager?: EntityManager): Promise<void> {
    const admins = await this.daos.admins(dao.id, manager);
    if (!admins.includes(signer)) {
      throw new DaoError(DaoErrorCode.NOT_A_DAO_ADMIN, `${signer} is not an admin of DAO "${dao.slug}"`, {
        dao: dao.slug,
        signer,
      });
    }
  }

  /**
   * Seeds a DAO with default voting rules (the embedded stack's demo DAO). Idempotent; a DAO with
   * the same slug bound to another token or Safe is a conflict, never silently rebound.
   */
  async ensure(dao: NewDao): Promise<Dao> {
    const { dao: stored, created } = await this.daos.createIfAbsent(dao);
    if (
      stored.chainId !== dao.chainId ||
      stored.governanceToken !== dao.governanceToken ||
      stored.safeAddress !== dao.safeAddress
    ) {
      throw new DaoError(DaoErrorCode.DAO_SLUG_TAKEN, `The slug "${dao.slug}" belongs to another DAO`, {
        slug: dao.slug,
      });
    }
    if (created) await this.published(stored.slug);
    return stored;
  }

  /** `createDao`: the signer becomes the first admin; the token and the Safe are checked on-chain. */
  async create(
    input: SignedInput & {
      dao: string;
      name: string;
      governanceToken: Address;
      safe: Address;
      config: VotingConfig;
    },
  ): Promise<Dao> {
    validateDaoIdentity(input.dao, input.name);
    validateVotingConfig(input.config);
    const { slug } = await this.signedWrites.run(
      'CreateDao',
      {
        from: input.from,
        dao: input.dao,
        name: input.name,
        governanceToken: input.governanceToken,
        safe: input.safe,
        config: votingConfigMessage(input.config),
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await Promise.all([
          this.chain.assertErc20Votes(input.governanceToken),
          this.chain.readSafe(input.safe),
        ]);
        const created = await this.daos.create(
          manager,
          {
            slug: input.dao,
            name: input.name,
            chainId: this.config.chain.chainId,
            governanceToken: input.governanceToken,
            safeAddress: input.safe,
            ...input.config,
          },
          signer,
        );
        if (created === null) {
          throw new DaoError(DaoErrorCode.DAO_SLUG_TAKEN, `The slug "${input.dao}" is taken`, {
            slug: input.dao,
          });
        }
        return { daoId: created.id, result: { slug: created.slug } };
      },
    );
    await this.published(String(slug));
    return this.bySlug(String(slug));
  }

  /** `updateDaoSettings`, by an admin. Existing proposals keep the rules they were created with. */
  async updateSettings(
    input: SignedInput & { dao: string; name: string; config: VotingConfig },
  ): Promise<Dao> {
    validateDaoIdentity(input.dao, input.name);
    validateVotingConfig(input.config);
    const dao = await this.bySlug(input.dao);
    await this.signedWrites.run(
      'UpdateDaoSettings',
      {
        from: input.from,
        dao: dao.slug,
        name: input.name,
        config: votingConfigMessage(input.config),
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.assertAdmin(dao, signer, manager);
        await this.daos.updateSettings(manager, dao.id, input.name, input.config);
        return { daoId: dao.id, result: { slug: dao.slug } };
      },
    );
    await this.published(dao.slug);
    return this.bySlug(dao.slug);
  }

  /** `setDaoAdmins`, by an admin: replaces the admin list (1 to 20 addresses). */
  async setAdmins(input: SignedInput & { dao: string; admins: readonly Address[] }): Promise<Dao> {
    if (
      input.admins.length === 0 ||
      input.admins.length > 20 ||
      new Set(input.admins).size !== input.admins.length
    ) {
      throw new DaoError(DaoErrorCode.INVALID_VOTING_CONFIG, 'admins: 1 to 20 distinct addresses', {
        field: 'admins',
      });
    }
    const dao = await this.bySlug(input.dao);
    await this.signedWrites.run(
      'SetDaoAdmins',
      {
        from: input.from,
        dao: dao.slug,
        admins: [...input.admins],
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.assertAdmin(dao, signer, manager);
        await this.daos.setAdmins(manager, dao.id, input.admins);
        return { daoId: dao.id, result: { slug: dao.slug } };
      },
    );
    await this.published(dao.slug);
    return this.bySlug(dao.slug);
  }

  updates(): AsyncIterableIterator<DaoUpdatedEvent> {
    return this.notifier.subscribe<DaoUpdatedEvent>(DAO_UPDATED_TOPIC);
  }

  private published(slug: string): Promise<void> {
    return this.notifier.publish(DAO_UPDATED_TOPIC, { slug } satisfies DaoUpdatedEvent);
  }
}
