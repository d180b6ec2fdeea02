import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AddressScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite, type Connection } from '@guildhall/core/nest';
import { DaoService } from '@guildhall/dao';
import { CreditWrites } from '../domain/credit-writes.service.js';
import {
  isConsistent,
  type CreditBalance,
  type CreditGrant,
  type CreditHold,
  type CreditTransfer,
  type CreditType,
  type CreditsConsistency,
} from '../domain/credits.js';
import { CreditsService } from '../domain/credits.service.js';
import { creditTypeCodes } from './credit-type-codes.js';
import { CreateCreditTypeInput, GrantCreditsInput } from './credits.input.js';
import {
  CreditBalanceObject,
  CreditGrantObject,
  CreditHoldObject,
  CreditsConsistencyObject,
  CreditTransferConnection,
  CreditTransferObject,
  CreditTypeObject,
} from './credits.object.js';

@Resolver()
export class CreditsResolver {
  constructor(
    private readonly credits: CreditsService,
    private readonly writes: CreditWrites,
    private readonly daos: DaoService,
  ) {}

  @Public()
  @Query(() => [CreditTypeObject], { description: 'The DAO’s credit types, by code.' })
  async creditTypes(@Args('dao') slug: string): Promise<CreditType[]> {
    return this.credits.creditTypes((await this.daos.bySlug(slug)).id);
  }

  @Public()
  @Query(() => [CreditBalanceObject], { description: 'A contributor’s credits, per credit type.' })
  async creditBalances(
    @Args('dao') slug: string,
    @Args('contributor', { type: () => AddressScalar }) contributor: Address,
  ): Promise<CreditBalanceObject[]> {
    const { id } = await this.daos.bySlug(slug);
    const codes = await creditTypeCodes(this.credits, id);
    return (await this.credits.balances(id, contributor)).map((balance: CreditBalance) => ({
      ...balance,
      creditType: codes.get(balance.creditTypeId)!,
    }));
  }

  @Public()
  @Query(() => [CreditGrantObject], { description: 'A contributor’s grants, in the order they are spent.' })
  async creditGrants(
    @Args('dao') slug: string,
    @Args('contributor', { type: () => AddressScalar }) contributor: Address,
  ): Promise<CreditGrantObject[]> {
    const { id } = await this.daos.bySlug(slug);
    const codes = await creditTypeCodes(this.credits, id);
    return (await this.credits.grants(id, contributor)).map((grant: CreditGrant) => ({
      ...grant,
      creditType: codes.get(grant.creditTypeId)!,
    }));
  }

  @Public()
  @Query(() => [CreditHoldObject], { description: 'Holds on a contributor’s credits, newest first.' })
  async creditHolds(
    @Args('dao') slug: string,
    @Args('contributor', { type: () => AddressScalar }) contributor: Address,
  ): Promise<CreditHoldObject[]> {
    const { id } = await this.daos.bySlug(slug);
    const codes = await creditTypeCodes(this.credits, id);
    return (await this.credits.holds(id, contributor)).map((hold: CreditHold) => ({
      ...hold,
      creditType: codes.get(hold.creditTypeId)!,
    }));
  }

  @Public()
  @Query(() => CreditTransferConnection, {
    description:
      'The DAO’s credit transfers, newest first; with `contributor`, those that move their credits.',
  })
  async creditTransfers(
    @Args('dao') slug: string,
    @Args() page: PageArgs,
    @Args('contributor', { type: () => AddressScalar, nullable: true }) contributor?: Address | null,
  ): Promise<Connection<CreditTransfer>> {
    const { id } = await this.daos.bySlug(slug);
    const { nodes, endCursor, hasNextPage } = await this.credits.transfers(id, { ...page, contributor });
    return { nodes: [...nodes], pageInfo: { endCursor, hasNextPage } };
  }

  @Public()
  @Query(() => CreditsConsistencyObject, {
    description:
      'The ledger’s consistency check for the DAO: balances against postings, held amounts against holds, contributor balances against their grants, transfers that do not balance. Every list is empty when it holds together.',
  })
  async creditsConsistency(@Args('dao') slug: string): Promise<CreditsConsistencyObject> {
    return consistencyObject(await this.credits.consistency((await this.daos.bySlug(slug)).id));
  }

  @SignedWrite()
  @Mutation(() => CreditTypeObject, {
    description: 'Creates a credit type (CreateCreditType, by an admin). The same type again returns it.',
  })
  createCreditType(
    @Args('input') input: CreateCreditTypeInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<CreditType> {
    return this.writes.createCreditType({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => CreditTransferObject, {
    description: 'Grants credits to a contributor (GrantCredits, by an admin): the GRANT transfer.',
  })
  grantCredits(
    @Args('input') input: GrantCreditsInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<CreditTransfer> {
    return this.writes.grant({ ...input, signature });
  }
}

const consistencyObject = (report: CreditsConsistency): CreditsConsistencyObject => ({
  ok: isConsistent(report),
  balances: report.balances.map(({ accountId, creditTypeId, stored, postings }) => ({
    accountId,
    creditTypeId,
    stored,
    derived: postings,
  })),
  held: report.held.map(({ accountId, creditTypeId, stored, holds }) => ({
    accountId,
    creditTypeId,
    stored,
    derived: holds,
  })),
  lots: report.lots.map(({ accountId, creditTypeId, balance, lots }) => ({
    accountId,
    creditTypeId,
    stored: balance,
    derived: lots,
  })),
  unbalancedTransfers: [...report.unbalancedTransfers],
});
