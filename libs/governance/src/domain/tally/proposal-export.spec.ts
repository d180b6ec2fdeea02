import { VOTE_TYPES, type VoteType } from '@guildhall/core';
import { parseProposalExport, recount } from './proposal-export.js';
import { tallyResult } from './tally-result.js';
import { applyVote, emptyTally, type TallyVote } from './tally-state.js';
import { tallyErrorOf } from './testing/tally-error-of.js';
import { someVotes } from './testing/votes.builder.js';

const ALICE = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const BOB = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

/** A proposal export as `guildhall recount` reads it: through JSON text. */
function exportOf(type: VoteType, choiceCount: number, votes: TallyVote[], quorum: bigint): unknown {
  const json = {
    type,
    choices: Array.from({ length: choiceCount }, (_, index) => `Choice ${index + 1}`),
    quorum: quorum.toString(),
    votes: votes.map((vote, index) => ({
      voter: `0x${(index + 1).toString(16).padStart(40, '0')}`,
      choice: vote.choice,
      vp: vote.vp.toString(),
    })),
  };
  return JSON.parse(JSON.stringify(json)) as unknown;
}

const exportError = (json: unknown) => tallyErrorOf(() => parseProposalExport(json));

const valid = {
  type: 'approval',
  choices: ['A', 'B', 'C'],
  quorum: '2000000000000000000',
  votes: [
    { voter: ALICE, choice: [1, 3], vp: '1500000000000000000' },
    { voter: BOB, choice: [3], vp: '1000000000000000000' },
  ],
};

describe('proposal export', () => {
  it('recounts the documented example into the documented output', () => {
    expect(recount(valid)).toEqual({
      scores: ['1500000000000000000', '0', '2500000000000000000'],
      scoresTotal: '2500000000000000000',
      quorumReached: true,
    });
  });

  it('parses amounts to bigints and checksums voters, ignoring fields it does not define', () => {
    expect(
      parseProposalExport({
        ...valid,
        title: 'Fund the eval set',
        votes: [{ ...valid.votes[0], reason: 'yes' }],
      }),
    ).toEqual({
      type: 'approval',
      choices: ['A', 'B', 'C'],
      quorum: 2_000_000_000_000_000_000n,
      votes: [
        {
          voter: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
          choice: [1, 3],
          vp: 1_500_000_000_000_000_000n,
        },
      ],
    });
  });

  it.each(VOTE_TYPES)('%s: recount of an export equals the tally kept vote by vote', (type) => {
    const choiceCount = type === 'basic' ? 3 : 5;
    const votes = someVotes(type).withChoices(choiceCount).withCount(120).withSeed(9).build();
    const kept = votes.reduce(applyVote, emptyTally(type, choiceCount));
    const quorum = 50n * 10n ** 22n;
    const { scores, scoresTotal, quorumReached } = tallyResult(kept, quorum);
    expect(recount(exportOf(type, choiceCount, votes, quorum))).toEqual({
      scores,
      scoresTotal,
      quorumReached,
    });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'expected object, received array'],
    ['an unknown vote type', { ...valid, type: 'copeland' }, 'type: Invalid option'],
    ['no choices', { ...valid, choices: undefined }, 'choices: Invalid input: expected array'],
    ['a quorum as a number', { ...valid, quorum: 0 }, 'quorum: expected a decimal string of base units'],
    ['a negative quorum', { ...valid, quorum: '-1' }, 'quorum: not a non-negative decimal integer'],
    ['votes not a list', { ...valid, votes: {} }, 'votes: Invalid input: expected array'],
    [
      'a fractional vp',
      { ...valid, votes: [{ ...valid.votes[0], vp: '1.5' }] },
      'votes[0].vp: not a non-negative decimal integer',
    ],
    [
      'a zero vp',
      { ...valid, votes: [{ ...valid.votes[0], vp: '0' }] },
      'votes[0].vp: voting power must be positive [VP_NOT_POSITIVE]',
    ],
    [
      'a bad voter',
      { ...valid, votes: [{ ...valid.votes[0], voter: '0x1234' }] },
      'votes[0].voter: not an EVM address',
    ],
    [
      'the same voter twice (any case)',
      {
        ...valid,
        votes: [valid.votes[0], { ...valid.votes[1], voter: ALICE.toUpperCase().replace('0X', '0x') }],
      },
      'votes[1].voter: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 already voted in votes[0]',
    ],
    [
      'a choice of the wrong shape',
      { ...valid, type: 'weighted', votes: [valid.votes[0]] },
      'votes[0].choice: a choice of vote type weighted needs an object of choice number → weight, got [1,3] [CHOICE_WRONG_SHAPE]',
    ],
    [
      'an incomplete ranking',
      { ...valid, type: 'ranked-choice', votes: [{ ...valid.votes[0], choice: [3, 1] }] },
      'votes[0].choice: a ranking must list every choice exactly once: it lists 2 of 3 [RANKING_INCOMPLETE]',
    ],
    [
      'a missing choice',
      { ...valid, type: 'single-choice', votes: [{ voter: ALICE, vp: '1' }] },
      'votes[0].choice: a choice of vote type single-choice needs an integer choice number, got nothing',
    ],
    [
      'basic with two choices',
      { ...valid, type: 'basic', choices: ['Yes', 'No'], votes: [] },
      'choices: basic has exactly 3 choices (For, Against, Abstain), not 2 [CHOICE_COUNT_INVALID]',
    ],
  ])('rejects %s, naming the problem and where', (_case, json, message) => {
    const error = exportError(json);
    expect(error.code).toBe('EXPORT_INVALID');
    expect(error.category).toBe('BAD_INPUT');
    expect(error.message).toContain('not a valid proposal export: ');
    expect(error.message).toContain(message);
  });

  it('tells voters apart by their whole address, not only by where they begin', () => {
    const sharedStart = '0x1234567890abc';
    const first = `${sharedStart}${'1'.repeat(27)}`;
    const second = `${sharedStart}${'2'.repeat(27)}`;
    const votes = [first, second, first.toUpperCase().replace('0X', '0x')].map((voter) => ({
      voter,
      choice: [1],
      vp: '1',
    }));
    expect(recount({ ...valid, votes: votes.slice(0, 2) }).scoresTotal).toBe('2');
    expect(exportError({ ...valid, votes }).message).toMatch(
      /: votes\[2\]\.voter: 0x\w+ already voted in votes\[0\]$/,
    );
    const thirdOfSecond = [
      ...votes.slice(0, 2),
      { ...votes[1], voter: second.toUpperCase().replace('0X', '0x') },
    ];
    expect(exportError({ ...valid, votes: thirdOfSecond }).message).toMatch(
      /: votes\[2\]\.voter: 0x\w+ already voted in votes\[1\]$/,
    );
  });

  it.each(['0x' + 'g'.repeat(40), '0x' + '\u0011'.repeat(40), '0X' + 'a'.repeat(40), '0x' + 'a'.repeat(41)])(
    'rejects the voter %j',
    (voter) => {
      expect(exportError({ ...valid, votes: [{ ...valid.votes[0], voter }] }).message).toContain(
        'votes[0].voter: not an EVM address',
      );
    },
  );

  it('lists the first five problems and counts the rest', () => {
    const votes = Array.from({ length: 7 }, (_, index) => ({
      voter: `0x${(index + 1).toString(16).padStart(40, '0')}`,
      choice: [9],
      vp: '1',
    }));
    const error = exportError({ ...valid, votes });
    expect(error.message).toContain('votes[4].choice: choice 9 is not one of 1..3 [CHOICE_OUT_OF_RANGE]');
    expect(error.message).not.toContain('votes[5]');
    expect(error.message).toMatch(/\(and 2 more\)$/);
    expect(error.details.issues).toHaveLength(7);
  });
});
