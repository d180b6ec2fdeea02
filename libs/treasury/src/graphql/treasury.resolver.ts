import {
  Args,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { AddressScalar, HexScalar, safeTxHashes, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite } from '@guildhall/core/nest';
import type { SafeTransaction, SafeTxUpdatedEvent } from '../domain/safe-transaction.js';
import { PayoutProposer } from '../domain/payout-proposer.js';
import { SafeConfirmations } from '../domain/safe-confirmations.js';
import { SafeExecutor } from '../domain/safe-executor.js';
import { TreasuryQueries } from '../domain/treasury-queries.js';
import { ProposeSafeRejectionInput } from './treasury.input.js';
import {
  SafeConfirmationObject,
  SafeTransactionConnection,
  SafeTransactionObject,
  SafeTxOriginRefObject,
  SafeTxStatusEnum,
  TokenBalanceObject,
  TreasuryObject,
} from './treasury.objects.js';

const toObject = (tx: SafeTransaction) => ({ ...tx, dao: tx.daoSlug });

/** The payable sources the two mutations below ask to pay now, by their kind (rewards, governance). */
const ROUND_TRANCHES = 'round-tranches';
const PROPOSALS = 'proposals';

@Resolver(() => TreasuryObject)
export class TreasuryResolver {
  constructor(private readonly queries: TreasuryQueries) {}

  @Public()
  @Query(() => TreasuryObject, { description: 'The DAO’s Safe, read on-chain now, and its queue.' })
  async treasury(@Args('dao') dao: string) {
    const { dao: found, account, queued } = await this.queries.treasury(dao);
    return { ...account, dao: found.slug, queued: queued.map(toObject) };
  }

  @ResolveField(() => [TokenBalanceObject], { description: 'The Safe’s balance of each token asked about.' })
  balances(
    @Parent() treasury: { safe: Address },
    @Args('tokens', { type: () => [AddressScalar] }) tokens: Address[],
  ) {
    return this.queries.balances(treasury.safe, tokens);
  }
}

@Resolver(() => SafeTransactionObject)
export class SafeTransactionResolver {
  constructor(
    private readonly queries: TreasuryQueries,
    private readonly proposer: PayoutProposer,
    private readonly safeConfirmations: SafeConfirmations,
    private readonly executor: SafeExecutor,
  ) {}

  @Public()
  @Query(() => SafeTransactionConnection, { description: 'A DAO’s Safe transactions, highest nonce first.' })
  async safeTransactions(
    @Args('dao') dao: string,
    @Args() page: PageArgs,
    @Args('status', { type: () => SafeTxStatusEnum, nullable: true }) status?: SafeTxStatusEnum | null,
  ) {
    const { nodes, endCursor, hasNextPage } = await this.queries.list(dao, status, page);
    return { nodes: nodes.map(toObject), pageInfo: { endCursor, hasNextPage } };
  }

  @Public()
  @Query(() => SafeTransactionObject, { description: 'SAFE_TX_NOT_FOUND when there is none.' })
  async safeTransaction(@Args('safeTxHash', { type: () => HexScalar }) safeTxHash: Hex) {
    return toObject(await this.queries.byHash(safeTxHash));
  }

  @ResolveField(() => HexScalar, {
    description:
      'EIP-712 hash of the SafeTx domain { chainId, verifyingContract: safe }: with messageHash, what a hardware wallet shows before it signs (safeTxHash = keccak256(0x1901 ‖ domainHash ‖ messageHash)).',
  })
  domainHash(@Parent() tx: SafeTransaction) {
    return safeTxHashes(tx.chainId, tx).domainHash;
  }

  @ResolveField(() => HexScalar, {
    description: 'EIP-712 hash of the SafeTx message (its fields, nonce included).',
  })
  messageHash(@Parent() tx: SafeTransaction) {
    return safeTxHashes(tx.chainId, tx).messageHash;
  }

  @ResolveField(() => [SafeConfirmationObject])
  confirmations(@Parent() tx: SafeTransaction) {
    return this.queries.confirmations(tx.safeTxHash);
  }

  @ResolveField(() => [AddressScalar], { description: 'Current owners who have not confirmed yet.' })
  async missingSigners(@Parent() tx: SafeTransaction) {
    return (await this.queries.signing(tx)).missing;
  }

  @ResolveField(() => Int, { description: 'Confirmations the Safe needs (its threshold now).' })
  async threshold(@Parent() tx: SafeTransaction) {
    return (await this.queries.signing(tx)).account.threshold;
  }

  @ResolveField(() => [HexScalar], {
    description:
      'Other transactions that may still execute at the same nonce: a conflict that only one of them can win (say, a transaction and its rejection).',
  })
  conflictsWith(@Parent() tx: SafeTransaction) {
    return this.queries.conflicts(tx);
  }

  @ResolveField(() => SafeTxOriginRefObject)
  origin(@Parent() tx: SafeTransaction) {
    return {
      kind: tx.origin,
      proposal: tx.proposalId,
      round: tx.roundId,
      revenueShare: tx.revenueShareId,
    };
  }

  @ResolveField(() => HexScalar, {
    nullable: true,
    description:
      'When READY: the execTransaction calldata (to the Safe, value 0) any account can send to execute it.',
  })
  execTransactionData(@Parent() tx: SafeTransaction) {
    return this.queries.execTransactionData(tx);
  }

  @Public()
  @Mutation(() => [SafeTransactionObject], {
    description:
      'Payout Safe transactions for a FINALIZED or PAYING round’s due tranches (MultiSendCallOnly batches). Idempotent: returns the round’s open payouts.',
  })
  async proposeRoundPayouts(@Args('round', { type: () => ID }) round: string) {
    return (await this.proposer.proposeFor(ROUND_TRANCHES, round)).map(toObject);
  }

  @Public()
  @Mutation(() => SafeTransactionObject, {
    description: 'The Safe transaction of a SUCCEEDED proposal’s actions (QUEUED from then on). Idempotent.',
  })
  async proposeProposalExecution(@Args('proposal', { type: () => ID }) proposal: string) {
    const [execution] = await this.proposer.proposeFor(PROPOSALS, proposal);
    return toObject(execution);
  }

  @SignedWrite()
  @Mutation(() => SafeTransactionObject, {
    description:
      'ProposeSafeRejection, by an owner of the DAO’s Safe or a DAO admin: the no-op at the nonce of an open Safe transaction. Idempotent: the rejection at that nonce.',
  })
  async proposeSafeRejection(
    @Args('input') input: ProposeSafeRejectionInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.proposer.proposeRejection({ ...input, signature }));
  }

  @Public()
  @Mutation(() => SafeTransactionObject, {
    description:
      'An owner’s signature of the safeTxHash (EIP-712 ECDSA, eth_sign with v > 30, ERC-1271 or an approved hash). Idempotent; READY at the threshold.',
  })
  async confirmSafeTransaction(
    @Args('safeTxHash', { type: () => HexScalar }) safeTxHash: Hex,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.safeConfirmations.confirm(safeTxHash, signature));
  }

  @Public()
  @Mutation(() => SafeTransactionObject, {
    description:
      'Sends a READY transaction with the relay key (RELAYER_NOT_CONFIGURED without one). Idempotent: EXECUTING, then EXECUTED once indexed.',
  })
  async executeSafeTransaction(@Args('safeTxHash', { type: () => HexScalar }) safeTxHash: Hex) {
    return toObject(await this.executor.execute(safeTxHash));
  }

  @Public()
  @Subscription(() => SafeTransactionObject, {
    description:
      'Fires when a Safe transaction of the DAO is proposed, confirmed by an owner, or changes status.',
    filter: (event: SafeTxUpdatedEvent, args: { dao: string }) => event.daoSlug === args.dao.toLowerCase(),
    async resolve(this: SafeTransactionResolver, event: SafeTxUpdatedEvent) {
      // The status the event announces: a later change must not hide this one from subscribers.
      return toObject({ ...(await this.queries.byHash(event.safeTxHash)), status: event.status });
    },
  })
  safeTransactionUpdated(@Args('dao') _dao: string): AsyncIterableIterator<SafeTxUpdatedEvent> {
    return this.queries.updates();
  }
}
