import type { VoteType } from '@guildhall/core';
import { parseChoice } from './choice.js';
import type { TallyErrorCode } from './tally.error.js';
import { tallyErrorOf } from './testing/tally-error-of.js';

describe('parseChoice', () => {
  it('accepts each vote type in its own shape, 1-indexed', () => {
    expect(parseChoice('basic', 3, 3)).toBe(3);
    expect(parseChoice('single-choice', 5, 5)).toBe(5);
    expect(parseChoice('approval', [3, 1], 3)).toEqual([1, 3]);
    expect(parseChoice('weighted', { '3': 1, '1': 2 }, 3)).toEqual({ '1': 2, '3': 1 });
    expect(parseChoice('quadratic', { '2': 7 }, 2)).toEqual({ '2': 7 });
    expect(parseChoice('ranked-choice', [2, 3, 1], 3)).toEqual([2, 3, 1]);
  });

  it.each<[VoteType, unknown, number, TallyErrorCode, string]>([
    ['basic', '1', 3, 'CHOICE_WRONG_SHAPE', 'needs an integer choice number, got "1"'],
    ['single-choice', 1.5, 4, 'CHOICE_WRONG_SHAPE', 'needs an integer choice number, got 1.5'],
    ['single-choice', undefined, 4, 'CHOICE_WRONG_SHAPE', 'got nothing'],
    ['approval', 1, 3, 'CHOICE_WRONG_SHAPE', 'needs an array of choice numbers, got 1'],
    ['ranked-choice', { '1': 1 }, 3, 'CHOICE_WRONG_SHAPE', 'needs an array of choice numbers'],
    ['weighted', [1, 2], 3, 'CHOICE_WRONG_SHAPE', 'needs an object of choice number → weight, got [1,2]'],
    ['weighted', null, 3, 'CHOICE_WRONG_SHAPE', 'got null'],
    ['quadratic', { '01': 1 }, 3, 'CHOICE_WRONG_SHAPE', 'choice numbers (1, 2, …) as keys, got "01"'],
    ['quadratic', { '1': '2' }, 3, 'CHOICE_WRONG_SHAPE', 'a number as the weight of each choice, got "2"'],
    ['basic', 4, 3, 'CHOICE_OUT_OF_RANGE', 'choice 4 is not one of 1..3'],
    ['basic', 0, 3, 'CHOICE_OUT_OF_RANGE', 'choice 0 is not one of 1..3'],
    ['approval', [1, 6], 5, 'CHOICE_OUT_OF_RANGE', 'choice 6 is not one of 1..5'],
    ['weighted', { '0': 1 }, 3, 'CHOICE_OUT_OF_RANGE', 'choice 0 is not one of 1..3'],
    ['quadratic', { '4': 1 }, 3, 'CHOICE_OUT_OF_RANGE', 'choice 4 is not one of 1..3'],
    ['ranked-choice', [1, 2, 4], 3, 'CHOICE_OUT_OF_RANGE', 'choice 4 is not one of 1..3'],
    ['approval', [2, 2], 3, 'CHOICE_DUPLICATE', 'choice 2 appears more than once'],
    ['ranked-choice', [1, 1, 2], 3, 'CHOICE_DUPLICATE', 'choice 1 appears more than once'],
    ['ranked-choice', [3, 1], 3, 'RANKING_INCOMPLETE', 'it lists 2 of 3'],
    ['ranked-choice', [], 3, 'RANKING_INCOMPLETE', 'it lists 0 of 3'],
    ['approval', [], 3, 'APPROVAL_EMPTY', 'must approve at least one choice'],
    ['weighted', {}, 3, 'WEIGHTS_EMPTY', 'a weighted vote must give a weight to at least one choice'],
    ['quadratic', {}, 3, 'WEIGHTS_EMPTY', 'a quadratic vote must give a weight'],
    ['weighted', { '1': 0 }, 3, 'WEIGHT_NOT_POSITIVE', 'the weight of choice 1 must be a positive integer'],
    ['weighted', { '2': -1 }, 3, 'WEIGHT_NOT_POSITIVE', 'not -1'],
    ['quadratic', { '1': 1, '3': 0.5 }, 3, 'WEIGHT_NOT_POSITIVE', 'the weight of choice 3'],
    ['quadratic', { '1': 2 ** 53 }, 3, 'WEIGHT_NOT_POSITIVE', 'at most 2^53 − 1'],
    ['basic', 1, 2, 'CHOICE_COUNT_INVALID', 'basic has exactly 3 choices (For, Against, Abstain), not 2'],
    ['approval', [1], 0, 'CHOICE_COUNT_INVALID', 'approval needs at least one choice, not 0'],
  ])('%s %j with %i choices → %s', (type, raw, choiceCount, code, message) => {
    const error = tallyErrorOf(() => parseChoice(type, raw, choiceCount));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.category).toBe('BAD_INPUT');
  });
});
