import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BigIntScalar } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';
import { CreditAccountKind, CreditHoldStatus, CreditTransferKind } from '../domain/credits.js';
import { SignedBigIntScalar } from './signed-big-int.scalar.js';

registerEnumType(CreditAccountKind, {
  name: 'CreditAccountKind',
  description:
    'CONTRIBUTOR (owner: their address), ISSUANCE (the DAO’s: negative by what it issued), SPEND (owner: a service), EXPIRY (where expired credits go).',
});
registerEnumType(CreditTransferKind, { name: 'CreditTransferKind' });
registerEnumType(CreditHoldStatus, { name: 'CreditHoldStatus' });

@ObjectType('CreditType', { description: 'A kind of credit a DAO issues; amounts are integers of its unit.' })
export class CreditTypeObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'E.g. GPU_HOURS: A-Z, 0-9 and _, unique in the DAO.' })
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'What one integer unit of an amount is, e.g. "GPU-second".' })
  unit!: string;

  @Field(() => Int, { description: 'Decimal places to show: 1500 with scale 3 reads 1.500.' })
  scale!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('CreditBalance', { description: 'A contributor’s credits of one type.' })
export class CreditBalanceObject {
  @Field({ description: 'The credit type’s code.' })
  creditType!: string;

  @Field(() => BigIntScalar, { description: 'The sum of the account’s postings.' })
  balance!: bigint;

  @Field(() => BigIntScalar, { description: 'What active holds reserve.' })
  held!: bigint;

  @Field(() => BigIntScalar, { description: 'balance − held.' })
  available!: bigint;
}

@ObjectType('CreditPosting')
export class CreditPostingObject {
  @Field(() => CreditAccountKind)
  accountKind!: CreditAccountKind;

  @Field({ description: 'A contributor’s address, a service’s name, or "" (issuance, expiry).' })
  owner!: string;

  @Field()
  creditType!: string;

  @Field(() => SignedBigIntScalar, { description: 'Into (+) or out of (−) the account.' })
  amount!: bigint;
}

@ObjectType('CreditTransfer', {
  description: 'A journal entry: its postings sum to zero per credit type; never changed once written.',
})
export class CreditTransferObject {
  @Field(() => ID)
  id!: string;

  @Field(() => CreditTransferKind)
  kind!: CreditTransferKind;

  @Field({ description: 'The client key it was written under (unique in the DAO).' })
  clientKey!: string;

  @Field(() => String, { nullable: true, description: 'The caller’s reference; for EXPIRY, the grant.' })
  reference!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => [CreditPostingObject])
  postings!: CreditPostingObject[];
}

export const CreditTransferConnection = ConnectionOf(CreditTransferObject, 'CreditTransferConnection');

@ObjectType('CreditGrant', { description: 'A grant: spent earliest expiry first, then oldest.' })
export class CreditGrantObject {
  @Field(() => ID, { description: 'The GRANT transfer’s id.' })
  id!: string;

  @Field()
  creditType!: string;

  @Field(() => BigIntScalar)
  amount!: bigint;

  @Field(() => BigIntScalar, { description: 'Not spent, captured, expired or held yet.' })
  remaining!: bigint;

  @Field(() => GraphQLISODateTime)
  effectiveAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt!: Date | null;
}

@ObjectType('CreditHold', { description: 'Credits a service reserved until it captures or voids them.' })
export class CreditHoldObject {
  @Field(() => ID)
  id!: string;

  @Field()
  service!: string;

  @Field()
  creditType!: string;

  @Field(() => BigIntScalar)
  amount!: bigint;

  @Field(() => CreditHoldStatus)
  status!: CreditHoldStatus;

  @Field(() => BigIntScalar, { nullable: true })
  captured!: bigint | null;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the worker voids it unless captured first.' })
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType('CreditMismatch', {
  description: 'An account and credit type whose stored amount differs from what it derives from.',
})
export class CreditMismatchObject {
  @Field(() => ID)
  accountId!: string;

  @Field(() => ID)
  creditTypeId!: string;

  @Field(() => SignedBigIntScalar, { description: 'What is stored (the balance, or the held amount).' })
  stored!: bigint;

  @Field(() => SignedBigIntScalar, {
    description:
      'What it should be: the sum of postings, of active holds, or of grants’ remainders and reserved lots.',
  })
  derived!: bigint;
}

@ObjectType('UnbalancedCreditTransfer')
export class UnbalancedCreditTransferObject {
  @Field(() => ID)
  transferId!: string;

  @Field(() => ID, { nullable: true, description: 'Null when the transfer has fewer than two postings.' })
  creditTypeId!: string | null;

  @Field(() => SignedBigIntScalar)
  sum!: bigint;
}

@ObjectType('CreditsConsistency', {
  description: 'The consistency check of the ledger: every list empty when it holds together.',
})
export class CreditsConsistencyObject {
  @Field({ description: 'True when every list is empty.' })
  ok!: boolean;

  @Field(() => [CreditMismatchObject], {
    description: 'Balances that differ from the sum of their postings.',
  })
  balances!: CreditMismatchObject[];

  @Field(() => [CreditMismatchObject], {
    description: 'Held amounts that differ from the sum of active holds.',
  })
  held!: CreditMismatchObject[];

  @Field(() => [CreditMismatchObject], {
    description:
      'Contributor balances that differ from their grants’ remainders plus what active holds reserve.',
  })
  lots!: CreditMismatchObject[];

  @Field(() => [UnbalancedCreditTransferObject])
  unbalancedTransfers!: UnbalancedCreditTransferObject[];
}

@ObjectType('CreditSpendingKey', {
  description: 'A key a service spends with, for one DAO and its spend account. Never its secret.',
})
export class CreditSpendingKeyObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The service whose spend account the key spends into.' })
  service!: string;

  @Field()
  name!: string;

  @Field({ description: 'The admin who created it.' })
  createdBy!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('CreatedCreditSpendingKey')
export class CreatedCreditSpendingKeyObject {
  @Field(() => String, {
    nullable: true,
    description:
      'The key to send as `Authorization: Bearer …`: shown this once (null when the same envelope is sent again); only its hash is kept.',
  })
  secret!: string | null;

  @Field(() => CreditSpendingKeyObject)
  key!: CreditSpendingKeyObject;
}

@ObjectType('CreditSpendAccount', { description: 'A spending key’s own spend account and what it received.' })
export class CreditSpendAccountObject {
  @Field()
  service!: string;

  @Field(() => [CreditBalanceObject])
  balances!: CreditBalanceObject[];
}
