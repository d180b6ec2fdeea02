import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { AddressScalar, type Address } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';

@ObjectType('Dao', { description: 'A DAO: its governance token, its treasury Safe and its rules.' })
export class DaoObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Unique, lower-case, used in URLs and signed messages.' })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  chainId!: number;

  @Field(() => AddressScalar, { description: 'ERC20Votes token whose past votes weigh every vote.' })
  governanceToken!: Address;

  @Field(() => AddressScalar, { description: 'The Safe that executes passed proposals and payouts.' })
  safeAddress!: Address;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const DaoConnection = ConnectionOf(DaoObject, 'DaoConnection');
