import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { HexScalar, type Hex } from '@guildhall/core';
import { Public, SignedWrite, SpendingKeyAccess } from '@guildhall/core/nest';
import type { FastifyRequest } from 'fastify';
import { CreditWrites } from '../domain/credit-writes.service.js';
import type { CreditHold, CreditSpendingKey, CreditTransfer } from '../domain/credits.js';
import { CreditsService } from '../domain/credits.service.js';
import { creditTypeCodes } from './credit-type-codes.js';
import { KeySpending } from '../domain/key-spending.service.js';
import { bearerKey, SpendingKeys } from '../domain/spending-keys.service.js';
import { DaoService } from '@guildhall/dao';
import {
  CaptureHoldInput,
  CreateCreditSpendingKeyInput,
  HoldCreditsInput,
  RevokeCreditSpendingKeyInput,
  SpendCreditsInput,
} from './credits.input.js';
import {
  CreatedCreditSpendingKeyObject,
  CreditHoldObject,
  CreditSpendAccountObject,
  CreditSpendingKeyObject,
  CreditTransferObject,
} from './credits.object.js';

/** Apollo's context over HTTP; over graphql-ws there is no request, hence no key. */
interface HttpContext {
  readonly req?: FastifyRequest;
}

const keyOf = (context: HttpContext): string | undefined => bearerKey(context.req?.headers.authorization);

/** Spending keys (admins create and revoke them) and what a service does with one. */
@Resolver()
export class CreditSpendingResolver {
  constructor(
    private readonly spending: KeySpending,
    private readonly keys: SpendingKeys,
    private readonly writes: CreditWrites,
    private readonly credits: CreditsService,
    private readonly daos: DaoService,
  ) {}

  @Public()
  @Query(() => [CreditSpendingKeyObject], {
    description: 'The DAO’s spending keys, newest first, revoked ones too; never a secret.',
  })
  async creditSpendingKeys(@Args('dao') slug: string): Promise<CreditSpendingKey[]> {
    return this.keys.list((await this.daos.bySlug(slug)).id);
  }

  @SpendingKeyAccess()
  @Query(() => CreditSpendAccountObject, {
    description:
      'The spend account of the key in `Authorization: Bearer gh_sk_…`: the only account it reads.',
  })
  async creditSpendAccount(
    @Args('dao') slug: string,
    @Context() context: HttpContext,
  ): Promise<CreditSpendAccountObject> {
    const { spendingKey, balances } = await this.spending.balances(keyOf(context), slug);
    const codes = await creditTypeCodes(this.credits, spendingKey.daoId);
    return {
      service: spendingKey.service,
      balances: balances.map((balance) => ({ ...balance, creditType: codes.get(balance.creditTypeId)! })),
    };
  }

  @SpendingKeyAccess()
  @Query(() => CreditHoldObject, { description: 'One of the key’s own holds.' })
  async creditSpendingHold(
    @Args('dao') slug: string,
    @Args('id') id: string,
    @Context() context: HttpContext,
  ): Promise<CreditHoldObject> {
    return this.holdObject(await this.spending.hold(keyOf(context), slug, id));
  }

  @SignedWrite()
  @Mutation(() => CreatedCreditSpendingKeyObject, {
    description:
      'Creates a spending key for one of the DAO’s services (CreateCreditSpendingKey, by an admin): its secret is shown once.',
  })
  createCreditSpendingKey(
    @Args('input') input: CreateCreditSpendingKeyInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<{ secret: string | null; key: CreditSpendingKey }> {
    return this.writes.createSpendingKey({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => CreditSpendingKeyObject, {
    description: 'Revokes a spending key (RevokeCreditSpendingKey, by an admin); again changes nothing.',
  })
  revokeCreditSpendingKey(
    @Args('input') input: RevokeCreditSpendingKeyInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<CreditSpendingKey> {
    return this.writes.revokeSpendingKey({ ...input, signature });
  }

  @SpendingKeyAccess()
  @Mutation(() => CreditHoldObject, {
    description: 'Reserves a contributor’s credits for the key’s service (spending key).',
  })
  async holdCredits(
    @Args('dao') slug: string,
    @Args('input') input: HoldCreditsInput,
    @Context() context: HttpContext,
  ): Promise<CreditHoldObject> {
    return this.holdObject(await this.spending.holdCredits(keyOf(context), slug, input));
  }

  @SpendingKeyAccess()
  @Mutation(() => CreditHoldObject, {
    description: 'Captures all or part of one of the key’s holds: a CAPTURE transfer (spending key).',
  })
  async captureHold(
    @Args('dao') slug: string,
    @Args('input') input: CaptureHoldInput,
    @Context() context: HttpContext,
  ): Promise<CreditHoldObject> {
    return this.holdObject(await this.spending.capture(keyOf(context), slug, input));
  }

  @SpendingKeyAccess()
  @Mutation(() => CreditHoldObject, {
    description: 'Voids one of the key’s holds; voiding again changes nothing (spending key).',
  })
  async voidHold(
    @Args('dao') slug: string,
    @Args('id') id: string,
    @Context() context: HttpContext,
  ): Promise<CreditHoldObject> {
    return this.holdObject(await this.spending.voidHold(keyOf(context), slug, id));
  }

  @SpendingKeyAccess()
  @Mutation(() => CreditTransferObject, {
    description:
      'Spends a contributor’s credits into the key’s spend account: a SPEND transfer (spending key).',
  })
  spendCredits(
    @Args('dao') slug: string,
    @Args('input') input: SpendCreditsInput,
    @Context() context: HttpContext,
  ): Promise<CreditTransfer> {
    return this.spending.spend(keyOf(context), slug, input);
  }

  private async holdObject(hold: CreditHold): Promise<CreditHoldObject> {
    const codes = await creditTypeCodes(this.credits, hold.daoId);
    return { ...hold, creditType: codes.get(hold.creditTypeId)! };
  }
}
