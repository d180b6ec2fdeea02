import { Args, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { AddressScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite, type Connection } from '@guildhall/core/nest';
import { ChainReader, TokenObject, type TokenMetadata } from '@guildhall/chain';
import { DaoService } from '../domain/dao.service.js';
import type { Dao, DaoUpdatedEvent } from '../domain/dao.js';
import { CreateDaoInput, SetDaoAdminsInput, UpdateDaoSettingsInput } from './dao.input.js';
import { DaoConnection, DaoObject } from './dao.object.js';

@Resolver(() => DaoObject)
export class DaoResolver {
  constructor(
    private readonly daoService: DaoService,
    private readonly chain: ChainReader,
  ) {}

  @ResolveField(() => TokenObject, {
    description: 'The governance token, its symbol and decimals: voting power and quorum are its base units.',
  })
  governanceTokenInfo(@Parent() dao: Dao): Promise<TokenMetadata> {
    return this.chain.token(dao.governanceToken);
  }

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

  @ResolveField(() => [AddressScalar], {
    description: 'Who may change settings and admins, and cancel proposals.',
  })
  admins(@Parent() dao: Dao): Promise<Address[]> {
    return this.daoService.admins(dao.id);
  }

  @SignedWrite()
  @Mutation(() => DaoObject, {
    description:
      'Creates a DAO (a signed CreateDao message). Replaying the same envelope returns the same DAO.',
  })
  createDao(
    @Args('input') input: CreateDaoInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<Dao> {
    return this.daoService.create({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => DaoObject, {
    description:
      'Changes a DAO’s name and voting rules (UpdateDaoSettings, by an admin). Existing proposals keep their rules.',
  })
  updateDaoSettings(
    @Args('input') input: UpdateDaoSettingsInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<Dao> {
    return this.daoService.updateSettings({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => DaoObject, { description: 'Replaces a DAO’s admins (SetDaoAdmins, by an admin).' })
  setDaoAdmins(
    @Args('input') input: SetDaoAdminsInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<Dao> {
    return this.daoService.setAdmins({ ...input, signature });
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
