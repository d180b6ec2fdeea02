import type { VoteType } from '@guildhall/core';
import type { Choice } from '../choice.js';
import type { TallyVote } from '../tally-state.js';
import { SeededRandom } from './seeded-random.js';

/**
 * Seeded random votes for tests and benches:
 * `someVotes('weighted').withChoices(5).withCount(1000).withSeed(7).build()`.
 */
export class VotesBuilder {
  private choiceCount: number;
  private count = 10;
  private seed = 1;

  constructor(private readonly type: VoteType) {
    this.choiceCount = type === 'basic' ? 3 : 4;
  }

  withChoices(choiceCount: number): this {
    this.choiceCount = choiceCount;
    return this;
  }

  withCount(count: number): this {
    this.count = count;
    return this;
  }

  withSeed(seed: number): this {
    this.seed = seed;
    return this;
  }

  build(): TallyVote[] {
    const random = new SeededRandom(this.seed);
    return Array.from({ length: this.count }, () => randomVote(this.type, this.choiceCount, random));
  }
}

export const someVotes = (type: VoteType): VotesBuilder => new VotesBuilder(type);

/** A valid vote: power between 10^12 and 10^24 base units (a 18-decimals token), any valid choice. */
export function randomVote(type: VoteType, choiceCount: number, random: SeededRandom): TallyVote {
  const vp =
    BigInt(random.int(1, 999_999)) * 10n ** BigInt(random.int(12, 18)) + BigInt(random.int(0, 999_999_999));
  return { choice: randomChoice(type, choiceCount, random), vp };
}

function randomChoice(type: VoteType, choiceCount: number, random: SeededRandom): Choice {
  const all = Array.from({ length: choiceCount }, (_, index) => index + 1);
  const someOf = () => random.shuffle(all).slice(0, random.int(1, choiceCount));
  switch (type) {
    case 'basic':
    case 'single-choice':
      return random.int(1, choiceCount);
    case 'approval':
      return someOf().sort((a, b) => a - b);
    case 'weighted':
    case 'quadratic':
      return Object.fromEntries(
        someOf()
          .sort((a, b) => a - b)
          .map((choice) => [String(choice), random.int(1, 100)]),
      );
    case 'ranked-choice':
      return random.shuffle(all);
  }
}
