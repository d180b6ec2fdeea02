import { vestingTranches } from './vesting.js';

const start = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400;

describe('vestingTranches', () => {
  it('pays at once without vesting, or at the cliff with a zero duration', () => {
    expect(vestingTranches(1_000n, { cliff: 0, duration: 0, interval: 0 }, start)).toEqual([
      { seq: 1, amount: 1_000n, unlockAt: start },
    ]);
    expect(vestingTranches(1_000n, { cliff: DAY, duration: 0, interval: 0 }, start)[0].unlockAt).toEqual(
      new Date(start.getTime() + DAY * 1000),
    );
  });

  it('unlocks linearly by interval, merging what falls before the cliff into the cliff', () => {
    const tranches = vestingTranches(
      1_000n,
      { cliff: 30 * DAY, duration: 90 * DAY, interval: 15 * DAY },
      start,
    );
    expect(
      tranches.map((t) => [t.seq, t.amount, (t.unlockAt.getTime() - start.getTime()) / 1000 / DAY]),
    ).toEqual([
      [1, 333n, 30],
      [2, 167n, 45],
      [3, 166n, 60],
      [4, 167n, 75],
      [5, 167n, 90],
    ]);
    expect(tranches.reduce((sum, t) => sum + t.amount, 0n)).toBe(1_000n);
  });

  it('sums to the amount exactly when the interval does not divide the duration', () => {
    const tranches = vestingTranches(10n ** 18n + 7n, { cliff: 0, duration: 100, interval: 30 }, start);
    expect(tranches).toHaveLength(4);
    expect(tranches.at(-1)?.unlockAt).toEqual(new Date(start.getTime() + 100_000));
    expect(tranches.reduce((sum, t) => sum + t.amount, 0n)).toBe(10n ** 18n + 7n);
  });

  it('has no tranche for nothing', () => {
    expect(vestingTranches(0n, { cliff: 0, duration: 10, interval: 1 }, start)).toEqual([]);
  });
});
