import { shareRevenue } from './revenue-share.js';

const [a, b, c, safe] = ['0xaaaa', '0xbbbb', '0xcccc', '0x5afe'];

describe('shareRevenue', () => {
  it('shares pro rata to balances and sums to the amount exactly', () => {
    const result = shareRevenue(
      100n,
      [
        { holder: b, balance: 1n },
        { holder: a, balance: 1n },
        { holder: c, balance: 1n },
      ],
      [],
    );
    // 33.33 each: the one unit left goes to the lowest address.
    expect(result.allocations.map((entry) => [entry.holder, entry.amount])).toEqual([
      [a, 34n],
      [b, 33n],
      [c, 33n],
    ]);
    expect(result.unallocated).toBe(0n);
  });

  it('leaves out excluded addresses (case-insensitively) and empty balances', () => {
    const result = shareRevenue(
      1_000_000n,
      [
        { holder: a, balance: 3n * 10n ** 24n },
        { holder: safe.toUpperCase(), balance: 10n ** 30n },
        { holder: b, balance: 10n ** 24n },
        { holder: c, balance: 0n },
      ],
      [safe],
    );
    expect(result.allocations.map((entry) => [entry.holder, entry.amount])).toEqual([
      [a, 750_000n],
      [b, 250_000n],
    ]);
    expect(result.eligibleSupply).toBe(4n * 10n ** 24n);
  });

  it('reports the whole amount unallocated when nobody is eligible', () => {
    expect(shareRevenue(5n, [{ holder: safe, balance: 10n }], [safe])).toEqual({
      allocations: [],
      eligibleSupply: 0n,
      unallocated: 5n,
    });
  });

  it('gives no allocation to a share that rounds to nothing', () => {
    const result = shareRevenue(
      100n,
      [
        { holder: a, balance: 1n },
        { holder: b, balance: 1_000_000n },
      ],
      [],
    );
    expect(result.allocations.map((entry) => [entry.holder, entry.amount])).toEqual([[b, 100n]]);
  });
});
