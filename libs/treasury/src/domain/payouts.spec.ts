import type { Address } from 'viem';
import { batchTransfers, describeTransfer, splitToGasCap, type DueTransfer } from './payouts.js';

const tokenA = '0x1111111111111111111111111111111111111111' as Address;
const tokenB = '0x2222222222222222222222222222222222222222' as Address;
const recipient = '0xAbC0000000000000000000000000000000000123' as Address;

const transfer = (i: number, changes: Partial<DueTransfer> = {}): DueTransfer => ({
  trancheId: `t${i}`,
  roundId: 'r1',
  token: tokenA,
  recipient,
  amount: BigInt(i + 1),
  ...changes,
});

describe('batchTransfers', () => {
  it('chunks at the maximum, one round and token per batch, every transfer exactly once', () => {
    const transfers = [
      ...Array.from({ length: 5 }, (_, i) => transfer(i)),
      transfer(5, { token: tokenB }),
      transfer(6, { roundId: 'r0' }),
    ];

    const batches = batchTransfers(transfers, 2);

    expect(batches.map((batch) => batch.map((t) => t.trancheId))).toEqual([
      ['t6'],
      ['t0', 't1'],
      ['t2', 't3'],
      ['t4'],
      ['t5'],
    ]);
    expect(batches.flat()).toHaveLength(transfers.length);
  });

  it('refuses a maximum below one', () => {
    expect(() => batchTransfers([transfer(0)], 0)).toThrow('maxPerBatch must be a positive integer, got 0');
  });
});

describe('splitToGasCap', () => {
  const perTransfer = 28_300n;
  const estimate = (part: readonly unknown[]) => Promise.resolve(60_000n + perTransfer * BigInt(part.length));

  it('keeps a batch within the cap whole', async () => {
    const parts = await splitToGasCap(Array.from({ length: 10 }), estimate, 1_000_000n);
    expect(parts.map(({ part, gas }) => [part.length, gas])).toEqual([[10, 343_000n]]);
  });

  it('halves a batch until every part fits, keeping the order', async () => {
    const batch = Array.from({ length: 400 }, (_, i) => i);

    const parts = await splitToGasCap(batch, estimate, 3_000_000n);

    expect(parts.map(({ part }) => part.length)).toEqual([100, 100, 100, 100]);
    expect(parts.every(({ gas }) => gas <= 3_000_000n)).toBe(true);
    expect(parts.flatMap(({ part }) => part)).toEqual(batch);
  });

  it('returns a single transfer above the cap as is, for the caller to refuse', async () => {
    expect(await splitToGasCap([1], estimate, 50_000n)).toEqual([{ part: [1], gas: 88_300n }]);
  });
});

describe('describeTransfer', () => {
  it('reads like a sentence: amount, token, who, why', () => {
    expect(
      describeTransfer({
        amount: 1_250_000_000n,
        decimals: 6,
        symbol: 'USDC',
        recipient,
        handle: 'ada',
        roundName: '3',
        attestations: ['42'],
        pool: 'FINE_TUNING',
      }),
    ).toBe('transfer 1,250 USDC to 0xAbC…123 (ada) — round 3, attestation 42');
    expect(
      describeTransfer({
        amount: 5n,
        decimals: 6,
        symbol: 'USDC',
        recipient,
        handle: null,
        roundName: 'Spring',
        attestations: [],
        pool: 'REVIEWERS',
      }),
    ).toBe('transfer 0.000005 USDC to 0xAbC…123 — round Spring, reviewer dividends (REVIEWERS)');
  });
});
