import { applyMinPayout, modelWeights, shareRevenue } from './revenue-share.js';

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

describe('applyMinPayout', () => {
  const allocations = [
    { holder: a, amount: 50n },
    { holder: b, amount: 9n },
    { holder: c, amount: 10n },
  ];

  it('pays allocations at or above the minimum payout', () => {
    expect(applyMinPayout(allocations, 10n).paid.map((entry) => entry.holder)).toEqual([a, c]);
  });

  it('carries over the sum of the allocations below it', () => {
    const split = applyMinPayout(allocations, 10n);
    expect(split.carried.map((entry) => entry.holder)).toEqual([b]);
    expect(split.carriedOver).toBe(9n);
  });

  it('loses nothing: allocated + carried over = what was shared', () => {
    for (const min of [0n, 1n, 10n, 11n, 51n]) {
      const split = applyMinPayout(allocations, min);
      expect(split.allocated + split.carriedOver).toBe(69n);
    }
  });

  it('pays everything with a minimum payout of 0', () => {
    expect(applyMinPayout(allocations, 0n)).toMatchObject({ allocated: 69n, carriedOver: 0n });
  });

  it('refuses a negative minimum payout', () => {
    expect(() => applyMinPayout(allocations, -1n)).toThrow(RangeError);
  });

  it('with the carry-in shared too, amount + carried in = allocated + carried over + unallocated', () => {
    const carriedIn = 7n;
    const shared = shareRevenue(
      100n + carriedIn,
      [
        { holder: a, balance: 1_000n },
        { holder: b, balance: 13n },
        { holder: c, balance: 2n },
      ],
      [],
    );
    const split = applyMinPayout(shared.allocations, 5n);
    expect(split.carriedOver).toBeGreaterThan(0n);
    expect(split.allocated + split.carriedOver + shared.unallocated).toBe(100n + carriedIn);
  });
});

describe('modelWeights', () => {
  const modelOf = new Map([
    ['att-1', 'guild-7b'],
    ['att-2', 'guild-7b'],
    ['att-3', 'other-13b'],
  ]);

  it('weighs a contributor by its allocated amount for the model', () => {
    expect(
      modelWeights(
        [{ recipient: a, amount: 500n, attestations: [{ id: 'att-1', bps: 10_000 }] }],
        modelOf,
        'guild-7b',
      ),
    ).toEqual([{ holder: a, balance: 500n }]);
  });

  it('counts only the part of an allocation that pays for the model’s attestations', () => {
    const weights = modelWeights(
      [
        {
          recipient: a,
          amount: 900n,
          attestations: [
            { id: 'att-1', bps: 10_000 },
            { id: 'att-3', bps: 20_000 },
          ],
        },
      ],
      modelOf,
      'guild-7b',
    );
    expect(weights).toEqual([{ holder: a, balance: 300n }]);
  });

  it('sums a contributor’s allocations across rounds and pools, its address in any case', () => {
    const weights = modelWeights(
      [
        { recipient: b, amount: 100n, attestations: [{ id: 'att-1', bps: 6_000 }] },
        { recipient: b.toUpperCase(), amount: 40n, attestations: [{ id: 'att-2', bps: 4_000 }] },
      ],
      modelOf,
      'guild-7b',
    );
    expect(weights).toEqual([{ holder: b.toUpperCase(), balance: 140n }]);
  });

  it('leaves out other models’ contributors and reviewers’ dividends (no attestation)', () => {
    const weights = modelWeights(
      [
        { recipient: a, amount: 100n, attestations: [{ id: 'att-3', bps: 10_000 }] },
        { recipient: c, amount: 100n, attestations: [] },
      ],
      modelOf,
      'guild-7b',
    );
    expect(weights).toEqual([]);
  });

  it('shares co-contributors by the amounts their split gave them, exactly', () => {
    const weights = modelWeights(
      [
        { recipient: a, amount: 700n, attestations: [{ id: 'att-1', bps: 7_000 }] },
        { recipient: b, amount: 300n, attestations: [{ id: 'att-1', bps: 3_000 }] },
      ],
      modelOf,
      'guild-7b',
    );
    const shared = shareRevenue(1_001n, weights, []);
    expect(shared.allocations.map((entry) => [entry.holder, entry.amount])).toEqual([
      [a, 701n],
      [b, 300n],
    ]);
  });
});
