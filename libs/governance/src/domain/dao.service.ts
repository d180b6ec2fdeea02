import { Inject, Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type Page } from '@guildhall/core';
import { PgNotifier } from '@guildhall/database';
import { DAO_UPDATED_TOPIC, type Dao, type DaoUpdatedEvent, type NewDao } from './dao.js';
import { DAO_REPOSITORY, type DaoRepository } from './dao.repository.js';
import { GovernanceError, GovernanceErrorCode } from './governance.error.js';

@Injectable()
export class DaoService {
  constructor(
    @Inject(DAO_REPOSITORY) private readonly daos: DaoRepository,
    @InjectConfig() private readonly config: ResolvedConfig,
    private readonly notifier: PgNotifier,
  ) {}

  async bySlug(slug: string): Promise<Dao> {
    const dao = await this.daos.findBySlug(slug.toLowerCase());
    if (dao === null)
      throw new GovernanceError(GovernanceErrorCode.DAO_NOT_FOUND, `No DAO with slug "${slug}"`, { slug });
    return dao;
  }

  list(args: { first?: number | null; after?: string | null }): Promise<Page<Dao>> {
    return this.daos.list(pageRequest(args, this.config.graphql.maxPageSize));
  }

  /**
   * Idempotent: seeding twice (or two replicas seeding at once) yields one DAO. A DAO with the
   * same slug bound to a different token or Safe is a conflict, never silently rebound.
   */
  async ensure(dao: NewDao): Promise<Dao> {
    const { dao: stored, created } = await this.daos.createIfAbsent(dao);
    if (
      stored.chainId !== dao.chainId ||
      stored.governanceToken !== dao.governanceToken ||
      stored.safeAddress !== dao.safeAddress
    ) {
      throw new GovernanceError(
        GovernanceErrorCode.DAO_SLUG_TAKEN,
        `The slug "${dao.slug}" belongs to another DAO`,
        {
          slug: dao.slug,
        },
      );
    }
    if (created)
      await this.notifier.publish(DAO_UPDATED_TOPIC, { slug: stored.slug } satisfies DaoUpdatedEvent);
    return stored;
  }

  updates(): AsyncIterableIterator<DaoUpdatedEvent> {
    return this.notifier.subscribe<DaoUpdatedEvent>(DAO_UPDATED_TOPIC);
  }
}
