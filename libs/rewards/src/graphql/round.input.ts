import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { SignedMessageInput } from '@guildhall/core/nest';
import { AttestationKindEnum } from '@guildhall/contributions';
import { ScoringEngineEnum } from './round.object.js';

@InputType('YumaConfigInput', { description: 'Fractions as decimal text, e.g. "0.5" (signed as text).' })
export class YumaConfigInput {
  @Field(() => String, { description: 'κ, the consensus majority; default "0.5".' })
  kappa!: string;

  @Field(() => String, { description: 'β; default "1".' })
  bondsPenalty!: string;

  @Field(() => String, { description: 'Share of old bonds kept each round; default "0.9".' })
  bondsMovingAverage!: string;

  @Field(() => Boolean)
  yuma3!: boolean;

  @Field(() => Boolean)
  liquidAlpha!: boolean;

  @Field(() => String)
  alphaLow!: string;

  @Field(() => String)
  alphaHigh!: string;

  @Field(() => String, { description: 'As subtensor’s AlphaSigmoidSteepness, e.g. "1000".' })
  alphaSteepness!: string;
}

@InputType('KindPoolInput')
export class KindPoolInput {
  @Field(() => AttestationKindEnum)
  kind!: AttestationKindEnum;

  @Field(() => Int, { description: 'bps of the contributor pool; all pools sum to 10,000.' })
  shareBps!: number;

  @Field(() => Int, { description: 'bps of its share no other kind can take (≤ shareBps).' })
  floorBps!: number;
}

@InputType('VestingInput', { description: 'Seconds; a zero duration pays at the cliff.' })
export class VestingInput {
  @Field(() => BigIntScalar)
  cliff!: bigint;

  @Field(() => BigIntScalar)
  duration!: bigint;

  @Field(() => BigIntScalar)
  interval!: bigint;
}

@InputType({ description: 'The CreateRound message (docs/signing.md).' })
export class CreateRoundInput extends SignedMessageInput {
  @Field(() => String)
  name!: string;

  @Field(() => AddressScalar, { description: 'The payout token (ERC20).' })
  token!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the payout token.' })
  budget!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds.' })
  submissionsOpenAt!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds.' })
  submissionsCloseAt!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds.' })
  reviewDeadline!: bigint;

  @Field(() => BigIntScalar, { description: 'Reviewer stake is voting power at this block; 0 = latest.' })
  snapshotBlock!: bigint;

  @Field(() => ScoringEngineEnum)
  engine!: ScoringEngineEnum;

  @Field(() => YumaConfigInput)
  yuma!: YumaConfigInput;

  @Field(() => Int, { description: 'Reviewers’ share of the budget, bps.' })
  reviewerShareBps!: number;

  @Field(() => [KindPoolInput])
  pools!: KindPoolInput[];

  @Field(() => Int, { description: 'Per-contributor cap, bps of the contributor pool; 0 = none.' })
  contributorCapBps!: number;

  @Field(() => BigIntScalar, { description: 'Smaller allocations are redistributed.' })
  minPayout!: bigint;

  @Field(() => VestingInput)
  vesting!: VestingInput;

  @Field(() => Int)
  minReviews!: number;

  @Field(() => Int, { description: '0–100: the stake-weighted median score needed to be ACCEPTED.' })
  acceptanceScore!: number;
}

@InputType({ description: 'The FinalizeRound message (docs/signing.md).' })
export class FinalizeRoundInput extends SignedMessageInput {
  @Field(() => ID)
  round!: string;
}

@InputType({ description: 'The CancelRound message (docs/signing.md).' })
export class CancelRoundInput extends SignedMessageInput {
  @Field(() => ID)
  round!: string;

  @Field(() => String, { description: '1 to 5,000 characters.' })
  reason!: string;
}
