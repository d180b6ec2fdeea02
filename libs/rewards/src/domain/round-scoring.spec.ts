import { allocateRound } from './allocation/index.js';
import { scoreRound, type ScoredAttestation } from './round-scoring.js';
import { DEFAULT_YUMA_PARAMS, runEpoch } from './yuma/index.js';

const [r1, r2, r3] = [
  '0x1000000000000000000000000000000000000001',
  '0x2000000000000000000000000000000000000002',
  '0x3000000000000000000000000000000000000003',
];
const [honest, friend] = [
  '0xa00000000000000000000000000000000000000a',
  '0xf00000000000000000000000000000000000000f',
];
const STAKE = 10n ** 24n;

/** Two reviewers score honestly; the third gives its friend 100 where the others give 20. */
const collusion: ScoredAttestation[] = [
  {
    id: 'a-honest',
    kind: 'FINE_TUNING',
    credits: [{ contributor: honest, bps: 10_000 }],
    reviews: [r1, r2, r3].map((reviewer) => ({ reviewer, score: 80, stake: STAKE })),
  },
  {
    id: 'b-friend',
    kind: 'FINE_TUNING',
    credits: [{ contributor: friend, bps: 10_000 }],
    reviews: [
      { reviewer: r1, score: 20, stake: STAKE },
      { reviewer: r2, score: 20, stake: STAKE },
      { reviewer: r3, score: 100, stake: STAKE },
    ],
  },
];

const score = (engine: 'YUMA' | 'MEAN') =>
  scoreRound({
    engine,
    params: DEFAULT_YUMA_PARAMS,
    poolShares: { FINE_TUNING: 10_000 },
    attestations: collusion,
    bondsPrev: () => 0,
  });

const friendShare = (engine: 'YUMA' | 'MEAN') => {
  const scoring = score(engine);
  const result = allocateRound({
    params: { budget: 1_000_000n, reviewerShareBps: 0, kindPools: { FINE_TUNING: { shareBps: 10_000 } } },
    contributors: scoring.contributors,
    reviewers: [],
  });
  return result.allocations.find((allocation) => allocation.recipient === friend)!.amount;
};

describe('scoreRound', () => {
  it('clips a colluding reviewer: the friend gets far less under Yuma than under the naive mean', () => {
    // Mean: the friend's column is (20 + 20 + 100) / 3 ≈ 46.7 against the honest 80 → 36.8% of the pool.
    expect(friendShare('MEAN')).toBe(368_421n);
    // Yuma: rows are normalized (r1, r2: 0.8 / 0.2; the colluder 0.444 / 0.556). The friend's
    // consensus is 0.2 (two thirds of the stake gave at least that), so the colluder's 0.556 is
    // clipped to 0.2; the honest column keeps 0.8, 0.8, 0.444. Incentive: 0.2 / (0.2 + 0.681) ≈ 22.7%.
    expect(friendShare('YUMA')).toBe(226_891n);
  });

  it('builds one Yuma epoch per kind, reviewers first, with the scores as weights', () => {
    const [pool] = score('YUMA').pools;
    expect(pool.reviewers).toEqual([r1, r2, r3]);
    expect(pool.contributors).toEqual([honest, friend]);
    expect(pool.yumaInput.stake).toEqual([1e24, 1e24, 1e24, 0, 0]);
    expect(pool.yumaInput.weights[2]).toEqual([0, 0, 0, 80, 100]);
  });

  it('exports an epoch that runEpoch (guildhall score) scores exactly as the round did', () => {
    const scoring = scoreRound({
      engine: 'YUMA',
      params: {
        ...DEFAULT_YUMA_PARAMS,
        yuma3: true,
        liquidAlpha: { ...DEFAULT_YUMA_PARAMS.liquidAlpha, enabled: true },
      },
      poolShares: { FINE_TUNING: 10_000 },
      attestations: collusion,
      bondsPrev: (_kind, reviewer, contributor) => (reviewer === r3 && contributor === friend ? 0.5 : 0),
    });
    const [pool] = scoring.pools;
    const rescored = runEpoch(pool.yumaInput);
    const n = pool.reviewers.length;
    expect(scoring.contributors.FINE_TUNING!.map((entry) => entry.weight)).toEqual(
      rescored.incentive.slice(n),
    );
    expect(scoring.reviewers.map((entry) => entry.details.pools[0].dividends)).toEqual(
      rescored.dividends.slice(0, n),
    );
    expect(pool.bonds.map(({ bond }) => bond)).toEqual(
      rescored.bonds.slice(0, n).flatMap((row) => row.slice(n)),
    );
    expect(pool.yumaInput.bondsPrev![2]).toEqual([0, 0, 0, 0, 0.5]);
  });

  it('credits co-contributors by their split and pays reviewers by dividends', () => {
    const scoring = scoreRound({
      engine: 'YUMA',
      params: DEFAULT_YUMA_PARAMS,
      poolShares: { SAFETY_EVALUATION: 10_000 },
      attestations: [
        {
          id: 'shared',
          kind: 'SAFETY_EVALUATION',
          credits: [
            { contributor: honest, bps: 7_500 },
            { contributor: friend, bps: 2_500 },
          ],
          reviews: [{ reviewer: r1, score: 60, stake: STAKE }],
        },
      ],
      bondsPrev: () => 0,
    });
    const incentive = Object.fromEntries(
      scoring.contributors.SAFETY_EVALUATION!.map((entry) => [entry.recipient, entry.weight]),
    );
    expect(incentive[honest]).toBeCloseTo(0.75, 12);
    expect(incentive[friend]).toBeCloseTo(0.25, 12);
    expect(scoring.reviewers).toEqual([expect.objectContaining({ recipient: r1, weight: 10_000 })]);
  });
});
