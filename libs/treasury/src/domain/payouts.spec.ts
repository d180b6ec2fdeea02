import type { Address } from 'viem';
import { describeTransfer, splitToGasCap } from './payouts.js';

const recipient = '0xAbC0000000000000000000000000000000000123' as Address;

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
  it('reads like a sentence: amount, token, who, then why as the source says', () => {
    expect(
      describeTransfer({
        amount: 1_250_000_000n,
        decimals: 6,
        symbol: 'USDC',
        recipient,
        handle: 'ada',
        reason: 'round 3, attestation 42',
      }),
    ).toBe('transfer 1,250 USDC to 0xAbC…123 (ada) — round 3, attestation 42');
    expect(
      describeTransfer({
        amount: 5n,
        decimals: 6,
        symbol: 'USDC',
        recipient,
        handle: null,
        reason: 'bounty 7',
      }),
    ).toBe('transfer 0.000005 USDC to 0xAbC…123 — bounty 7');
  });
});
