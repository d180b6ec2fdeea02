import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BigIntScalar } from '@guildhall/core';

export enum HealthStatus {
  UP = 'up',
  DOWN = 'down',
}
registerEnumType(HealthStatus, { name: 'HealthStatus' });

@ObjectType('ComponentHealth')
export class ComponentHealthObject {
  @Field(() => HealthStatus)
  status!: HealthStatus;

  @Field(() => Int)
  latencyMs!: number;

  @Field(() => String, { nullable: true })
  error?: string;
}

@ObjectType('ChainHealth')
export class ChainHealthObject extends ComponentHealthObject {
  @Field(() => Int)
  chainId!: number;

  @Field(() => BigIntScalar, { nullable: true })
  blockNumber?: bigint;
}

@ObjectType('Health')
export class HealthObject {
  @Field(() => HealthStatus, { description: 'UP when every dependency answers' })
  status!: HealthStatus;

  @Field(() => ComponentHealthObject)
  database!: ComponentHealthObject;

  @Field(() => ChainHealthObject)
  chain!: ChainHealthObject;
}
