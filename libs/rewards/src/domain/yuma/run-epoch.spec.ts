import { runEpoch, type YumaResult } from './run-epoch.js';
import { YumaError, YumaErrorCode } from './yuma.error.js';

const expectClose = (actual: number[], expected: number[]): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 12));
};

const allFinite = (result: YumaResult): boolean =>
  [
    ...result.consensus,
    ...result.incentive,
    ...result.dividends,
    ...result.validatorTrust,
    ...result.bonds.flat(),
  ].every(Number.isFinite);

describe('runEpoch', () => {
  // Three reviewers (validators 0–2) score two contributions (miners 3 and 4). Reviewers 1 and 2
  // (0.8 of the stake) split evenly; reviewer 0 (0.2) puts everything on miner 4.
  const stake = [2, 4, 4, 0, 0];
  const even = [0, 0, 0, 1, 1];
  const allOn4 = [0, 0, 0, 0, 1];
  const none = [0, 0, 0, 0, 0];
  const weights = [allOn4, even, even, none, none];

  describe('consensus, clipping and incentive', () => {
    const result = runEpoch({ stake, weights });

    it('sets consensus at the stake-weighted median and clips the outlier to it', () => {
      expectClose(result.consensus, [0, 0, 0, 0.5, 0.5]);
      // Reviewer 0 keeps only the 0.5 of its weight that consensus supports.
      expectClose(result.validatorTrust, [0.5, 1, 1, 0, 0]);
    });

    it('pays miners by clipped, stake-weighted weight: 0.4 against 0.5 instead of 0.4 against 0.6', () => {
      expectClose(result.incentive, [0, 0, 0, 4 / 9, 5 / 9]);
    });

    it('pays reviewers through bonds on clipped weights (bonds penalty 1)', () => {
      // Bonds on miner 3: 0 / 0.5 / 0.5; on miner 4: 0.2 / 0.4 / 0.4 (reviewer 0 bonds 0.5·0.2).
      expectClose(result.dividends, [1 / 9, 4 / 9, 4 / 9, 0, 0]);
      expectClose(result.bonds[0], [0, 0, 0, 0, 0.5]); // column-max-upscaled
      expectClose(result.bonds[1], [0, 0, 0, 1, 1]);
    });

    it('with bonds penalty 0, bonds follow the unclipped weights', () => {
      const { dividends, incentive } = runEpoch({ stake, weights, params: { bondsPenalty: 0 } });
      expectClose(incentive, [0, 0, 0, 4 / 9, 5 / 9]);
      // Bonds on miner 4: 0.2 / 0.2 / 0.2 of the stake-weighted weights → a third each.
      expectClose(dividends, [5 / 27, 11 / 27, 11 / 27, 0, 0]);
    });
  });

  it('lets a colluding majority set consensus, and zeroes the minority', () => {
    const result = runEpoch({
      stake: [6, 4, 0, 0],
      weights: [[0, 0, 0, 1], [0, 0, 1, 0], none.slice(1), none.slice(1)],
    });
    expectClose(result.consensus, [0, 0, 0, 1]);
    expectClose(result.incentive, [0, 0, 0, 1]);
    expectClose(result.validatorTrust, [1, 0, 0, 0]);
    expectClose(result.dividends, [1, 0, 0, 0]);
  });

  it('normalizes stake and weight rows, and ignores self-weight and the weights of participants without stake', () => {
    const base = runEpoch({ stake, weights });
    const rescaled = runEpoch({
      stake: stake.map((value) => value * 1e6),
      weights: [
        [7, 0, 0, 0, 65_535], // self-weight 7: dropped
        [0, 0, 0, 3, 3],
        [0, 0, 0, 0.5, 0.5],
        [0, 0, 0, 1, 0], // miners' own weights: dropped
        [1, 1, 1, 0, 0],
      ],
    });
    expectClose(rescaled.consensus, base.consensus);
    expectClose(rescaled.incentive, base.incentive);
    expectClose(rescaled.dividends, base.dividends);
    rescaled.bonds.forEach((row, i) => expectClose(row, base.bonds[i]));
  });

  it('carries bonds across epochs: Yuma 2 column-max-upscaled, Yuma 3 raw', () => {
    const yuma2 = runEpoch({ stake, weights, bondsPrev: runEpoch({ stake, weights }).bonds });
    expect(Math.max(...yuma2.bonds.map((row) => row[4]))).toBe(1);
    const yuma3 = runEpoch({ stake, weights, params: { yuma3: true } });
    expectClose(yuma3.bonds[1], [0, 0, 0, 0.05, 0.05]); // α = 0.1 of the clipped weight 0.5
  });

  it('clears the bonds of a participant that has lost its stake, after paying it this epoch', () => {
    const before = runEpoch({ stake, weights });
    const after = runEpoch({ stake: [0, 4, 4, 0, 0], weights, bondsPrev: before.bonds });
    expect(after.dividends[0]).toBeGreaterThan(0);
    expect(after.bonds[0]).toEqual([0, 0, 0, 0, 0]);
    expect(after.bonds[1][3]).toBeGreaterThan(0);
  });

  describe('degenerate epochs give zeros, never NaN', () => {
    it.each([
      [
        'nobody has stake',
        {
          stake: [0, 0, 0],
          weights: [
            [0, 1, 1],
            [1, 0, 1],
            [1, 1, 0],
          ],
        },
      ],
      [
        'all weights are zero',
        {
          stake: [1, 1, 0],
          weights: [
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
        },
      ],
      [
        'only self-weight',
        {
          stake: [1, 1, 0],
          weights: [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        },
      ],
      ['a single participant', { stake: [5], weights: [[1]] }],
    ])('%s', (_case, input) => {
      const result = runEpoch(input);
      expect(allFinite(result)).toBe(true);
      expect([
        ...result.consensus,
        ...result.incentive,
        ...result.dividends,
        ...result.validatorTrust,
      ]).toEqual(new Array<number>(4 * input.stake.length).fill(0));
    });

    it('keeps previous bonds when nobody weighs anyone, and clears them when nobody has stake', () => {
      const bondsPrev = [
        [0, 0, 1],
        [0, 0, 0.5],
        [0, 0, 0],
      ];
      const quiet = runEpoch({
        stake: [1, 1, 0],
        weights: [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
        bondsPrev,
      });
      quiet.bonds.forEach((row, i) => expectClose(row, bondsPrev[i]));
      const unstaked = runEpoch({
        stake: [0, 0, 0],
        weights: [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
        bondsPrev,
      });
      expect(unstaked.bonds).toEqual([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]);
    });

    it('an epoch without participants is empty', () => {
      expect(runEpoch({ stake: [], weights: [] })).toEqual({
        consensus: [],
        incentive: [],
        dividends: [],
        validatorTrust: [],
        bonds: [],
      });
    });
  });

  it('rejects weights and bonds that are not n×n with a YumaError naming the field', () => {
    const attempt = (): unknown => runEpoch({ stake: [1, 0], weights: [[0, 1], [1]], bondsPrev: [[0, 0]] });
    expect(attempt).toThrow(YumaError);
    expect(attempt).toThrow(
      'invalid Yuma input: weights[1]: must have 2 entries (has 1); bondsPrev: must have 2 rows, one per stake entry (has 1)',
    );
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: YumaErrorCode.INVALID_YUMA_INPUT, category: 'BAD_INPUT' });
    }
  });
});
