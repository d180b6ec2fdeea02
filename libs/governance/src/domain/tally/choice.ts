import type { VoteType } from '@guildhall/core';
import { TallyError, TallyErrorCode } from './tally.error.js';

/**
 * Weights of a weighted or quadratic vote: choice number (a decimal string key, as in JSON) →
 * positive integer weight. Parsed maps hold canonical keys only ("2", never "02").
 */
export type WeightMap = Readonly<Record<string, number>>;

/** The validated choice of each vote type; choices are 1-indexed, as in Snapshot. */
export interface ChoiceByType {
  /** 1 = For, 2 = Against, 3 = Abstain. */
  readonly basic: number;
  readonly 'single-choice': number;
  /** The approved choices, ascending, at least one. */
  readonly approval: readonly number[];
  readonly weighted: WeightMap;
  readonly quadratic: WeightMap;
  /** Every choice exactly once, most preferred first. */
  readonly 'ranked-choice': readonly number[];
}
export type Choice = ChoiceByType[VoteType];

/** `basic` is For / Against / Abstain. */
export const BASIC_CHOICES = ['For', 'Against', 'Abstain'] as const;

/** A JSON object key that is a decimal integer, written the one canonical way. */
const CHOICE_KEY = /^(0|[1-9][0-9]*)$/;

/** Throws CHOICE_COUNT_INVALID unless the vote type allows this many choices. */
export function assertChoiceCount(type: VoteType, choiceCount: number): void {
  const valid =
    type === 'basic'
      ? choiceCount === BASIC_CHOICES.length
      : Number.isSafeInteger(choiceCount) && choiceCount >= 1;
  if (!valid) {
    throw new TallyError(
      TallyErrorCode.CHOICE_COUNT_INVALID,
      type === 'basic'
        ? `basic has exactly 3 choices (For, Against, Abstain), not ${choiceCount}`
        : `${type} needs at least one choice, not ${choiceCount}`,
      { type, choiceCount },
    );
  }
}

/**
 * Validates a voter's choice for a proposal of `type` with `choiceCount` choices, with Snapshot's
 * shapes: an integer for basic / single-choice, an integer array for approval / ranked-choice, an
 * object `{ "1": 2, "3": 1 }` for weighted / quadratic. Snapshot ignores invalid votes when it
 * counts; Guildhall rejects them here, so every stored vote counts.
 *
 * Stricter than Snapshot, on purpose: weights must be positive integers (Snapshot's UI only makes
 * integers; Snapshot's code takes any number ≥ 0 with one > 0), so every share `w / Σw` is an
 * exact ratio and a choice has one canonical form; a zero weight is rejected rather than ignored.
 *
 * @throws TallyError CHOICE_WRONG_SHAPE, CHOICE_OUT_OF_RANGE, CHOICE_DUPLICATE, RANKING_INCOMPLETE,
 *   APPROVAL_EMPTY, WEIGHTS_EMPTY, WEIGHT_NOT_POSITIVE, CHOICE_COUNT_INVALID.
 */
export function parseChoice<T extends VoteType>(type: T, raw: unknown, choiceCount: number): ChoiceByType[T] {
  assertChoiceCount(type, choiceCount);
  return parsers[type](raw, choiceCount, type);
}

type Parser<T extends VoteType> = (raw: unknown, choiceCount: number, type: T) => ChoiceByType[T];

const parsers: { readonly [T in VoteType]: Parser<T> } = {
  basic: (raw, choiceCount, type) => choiceNumber(raw, choiceCount, type),
  'single-choice': (raw, choiceCount, type) => choiceNumber(raw, choiceCount, type),
  approval: (raw, choiceCount, type) => {
    const approved = distinctChoices(raw, choiceCount, type);
    if (approved.length === 0) {
      throw new TallyError(
        TallyErrorCode.APPROVAL_EMPTY,
        'an approval vote must approve at least one choice',
      );
    }
    return approved.sort((a, b) => a - b);
  },
  weighted: (raw, choiceCount, type) => weightMap(weightEntries(type, raw, choiceCount)),
  quadratic: (raw, choiceCount, type) => weightMap(weightEntries(type, raw, choiceCount)),
  'ranked-choice': (raw, choiceCount, type) => {
    const ranking = distinctChoices(raw, choiceCount, type);
    if (ranking.length !== choiceCount) {
      throw new TallyError(
        TallyErrorCode.RANKING_INCOMPLETE,
        `a ranking must list every choice exactly once: it lists ${ranking.length} of ${choiceCount}`,
        { ranked: ranking.length, choiceCount },
      );
    }
    return ranking;
  },
};

function choiceNumber(raw: unknown, choiceCount: number, type: VoteType): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    throw wrongShape(type, 'an integer choice number', raw);
  }
  if (raw < 1 || raw > choiceCount) throw outOfRange(raw, choiceCount);
  return raw;
}

function distinctChoices(raw: unknown, choiceCount: number, type: VoteType): number[] {
  if (!Array.isArray(raw)) throw wrongShape(type, 'an array of choice numbers', raw);
  const seen = new Uint8Array(choiceCount + 1);
  return (raw as unknown[]).map((item) => {
    const choice = choiceNumber(item, choiceCount, type);
    if (seen[choice] === 1) {
      throw new TallyError(TallyErrorCode.CHOICE_DUPLICATE, `choice ${choice} appears more than once`, {
        choice,
      });
    }
    seen[choice] = 1;
    return choice;
  });
}

/**
 * The weights of a weighted or quadratic choice as [choice number, weight] pairs, in ascending
 * choice order, validated as `parseChoice` validates them (the tally reads them this way).
 */
export function weightEntries(
  type: 'weighted' | 'quadratic',
  raw: unknown,
  choiceCount: number,
): Array<[choice: number, weight: number]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw wrongShape(type, 'an object of choice number → weight', raw);
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    throw new TallyError(
      TallyErrorCode.WEIGHTS_EMPTY,
      `a ${type} vote must give a weight to at least one choice`,
    );
  }
  return entries.map(([key, weight]) => {
    if (!CHOICE_KEY.test(key)) throw wrongShape(type, 'choice numbers (1, 2, …) as keys', key);
    const choice = Number(key);
    if (choice < 1 || choice > choiceCount) throw outOfRange(choice, choiceCount);
    if (typeof weight !== 'number') throw wrongShape(type, 'a number as the weight of each choice', weight);
    if (!Number.isSafeInteger(weight) || weight <= 0) {
      throw new TallyError(
        TallyErrorCode.WEIGHT_NOT_POSITIVE,
        `the weight of choice ${choice} must be a positive integer (at most 2^53 − 1), not ${weight}`,
        { choice, weight },
      );
    }
    return [choice, weight];
  });
}

const weightMap = (entries: ReadonlyArray<readonly [number, number]>): WeightMap =>
  Object.fromEntries(entries.map(([choice, weight]) => [String(choice), weight]));

const outOfRange = (choice: number, choiceCount: number) =>
  new TallyError(TallyErrorCode.CHOICE_OUT_OF_RANGE, `choice ${choice} is not one of 1..${choiceCount}`, {
    choice,
    choiceCount,
  });

const wrongShape = (type: VoteType, expected: string, got: unknown) =>
  new TallyError(
    TallyErrorCode.CHOICE_WRONG_SHAPE,
    `a choice of vote type ${type} needs ${expected}, got ${render(got)}`,
    { type },
  );

/** A short rendering of an offending value for an error message. */
function render(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return typeof value;
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}
