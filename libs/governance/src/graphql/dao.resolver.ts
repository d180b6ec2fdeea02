import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import { PageArgs, Public, type Connection } from '@guildhall/core/nest';
import { DaoService } from '../domain/dao.service.js';
import type { Dao, DaoUpdatedEvent } from '../domain/dao.js';
import { DaoConnection, DaoObject } from './dao.object.js';

@Resolver(() => DaoObject)
export class DaoResolver {
  constructor(private readonly daoService: DaoService) {}

  @Public()
  @Query(() => DaoObject, { description: 'A DAO by slug; DAO_NOT_FOUND when there is none.' })
  dao(@Args('slug') slug: string): Promise<Dao> {
    return this.daoService.bySlug(slug);
  }

  @Public()
  @Query(() => DaoConnection, { description: 'Every DAO, oldest first.' })
  async daos(@Args() page: PageArgs): Promise<Connection<Dao>> {
    const { nodes, endCursor, hasNextPage } = await this.daoService.list(page);
    return { nodes: [...nodes], pageInfo: { endCursor, hasNextPage } };
  }

  @Public()
  @Subscription(() => DaoObject, {
    description: 'Fires when the DAO is created or its settings change (on every API replica).',
    filter: (event: DaoUpdatedEvent, args: { slug: string }) => event.slug === args.slug.toLowerCase(),
    resolve(this: DaoResolver, event: DaoUpdatedEvent) {
      return this.daoService.bySlug(event.slug);
    },
  })
  daoUpdated(@Args('slug') _slug: string): AsyncIterableIterator<DaoUpdatedEvent> {
    return this.daoService.updates();
  }
}
