import type { Address } from '@guildhall/core';
import { BountiesErrorCode } from './bounties.error.js';
import {
  assertAcceptable,
  assertClaimable,
  assertDeliverable,
  assertNotSelfReview,
  claimStateAt,
  medianScore,
  splitReward,
  validateTerms,
  type BountyTerms,
} from './bounty.js';

const a = '0x00000000000000000000000000000000000000Aa' as Address;
const b = '0x00000000000000000000000000000000000000bB' as Address;
const c = '0x00000000000000000000000000000000000000cC' as Address;
const now = new Date('2026-12-01T00:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

const codeOf = (run: () => void): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

const terms: BountyTerms = {
  title: 'Red-team the classifier',
  description: '',
  token: c,
  amount: 1_000n,
  kind: null,
  deadline: later(3600),
  maxClaimants: 2,
  claimTtl: 600,
  teamAllowed: false,
  minReviews: 2,
  acceptanceScore: 60,
  reviewers: [],
};

describe('validateTerms', () => {
  it('accepts sensible terms and refuses each bad field with INVALID_BOUNTY naming it', () => {
    expect(() => validateTerms(terms, now)).not.toThrow();
    const bad: Array<[string, Partial<BountyTerms>]> = [
      ['title', { title: ' ' }],
      ['amount', { amount: 0n }],
      ['kind', { kind: 'POETRY' }],
      ['deadline', { deadline: now }],
      ['maxClaimants', { maxClaimants: 0 }],
      ['claimTtl', { claimTtl: 0 }],
      ['acceptanceScore', { acceptanceScore: 101 }],
      ['reviewers', { reviewers: [a, a] }],
      ['reviewers', { reviewers: [a], minReviews: 2 }],
    ];
    for (const [field, change] of bad) {
      let details: unknown;
      try {
        validateTerms({ ...terms, ...change }, now);
      } catch (error) {
        details = error;
      }
      expect([field, details]).toMatchObject([
        field,
        { code: BountiesErrorCode.INVALID_BOUNTY, details: { field } },
      ]);
    }
  });
});

describe('claims', () => {
  const open = { id: 'b1', state: 'OPEN' as const, deadline: later(3600), maxClaimants: 2 };
  const active = (claimant: Address, expiresIn: number) => ({
    claimant,
    state: 'ACTIVE' as const,
    expiresAt: later(expiresIn),
  });

  it('shows an ACTIVE claim past its TTL as EXPIRED, and an expired one frees its place', () => {
    expect(claimStateAt(active(a, 10), now)).toBe('ACTIVE');
    expect(claimStateAt(active(a, 0), now)).toBe('EXPIRED');
    expect(claimStateAt({ state: 'SUBMITTED', expiresAt: later(-10) }, now)).toBe('SUBMITTED');
    expect(() => assertClaimable({ ...open, maxClaimants: 1 }, [active(a, -1)], b, now)).not.toThrow();
    expect(() => assertClaimable(open, [active(a, -1)], a, now)).not.toThrow();
  });

  it('refuses a second claim, a full bounty, a claim at the deadline, on a cancelled or accepted bounty', () => {
    expect(codeOf(() => assertClaimable(open, [active(a, 10)], a, now))).toBe('ALREADY_CLAIMED');
    expect(codeOf(() => assertClaimable(open, [active(a, 10), active(b, 10)], c, now))).toBe('CLAIMS_FULL');
    expect(codeOf(() => assertClaimable({ ...open, deadline: now }, [], a, now))).toBe(
      'BOUNTY_PAST_DEADLINE',
    );
    expect(codeOf(() => assertClaimable({ ...open, state: 'CANCELLED' }, [], a, now))).toBe('BOUNTY_CLOSED');
    expect(codeOf(() => assertClaimable({ ...open, state: 'PAYING' }, [], a, now))).toBe('ALREADY_ACCEPTED');
  });
});

describe('deliveries and reviews', () => {
  const bounty = { id: 'b1', daoId: 'dao', kind: 'RED_TEAMING', teamAllowed: false };
  const attestation = {
    id: 'at1',
    daoId: 'dao',
    contributor: a,
    roundId: null,
    status: 'IN_REVIEW' as const,
    kind: 'RED_TEAMING' as const,
    credits: [{ contributor: a, bps: 10_000, cosignedAt: now }],
  };
  const team = {
    ...attestation,
    credits: [
      { contributor: a, bps: 6_000, cosignedAt: now },
      { contributor: b, bps: 4_000, cosignedAt: null },
    ],
  };

  it('takes the claimant’s own attestation of the DAO, outside rounds, of the bounty’s kind', () => {
    expect(() => assertDeliverable(bounty, attestation, a)).not.toThrow();
    const refused = (changes: object, claimant = a) =>
      codeOf(() => assertDeliverable(bounty, { ...attestation, ...changes }, claimant));
    expect(refused({}, b)).toBe('ATTESTATION_NOT_ELIGIBLE');
    expect(refused({ daoId: 'other' })).toBe('ATTESTATION_NOT_ELIGIBLE');
    expect(refused({ roundId: 'r1' })).toBe('ATTESTATION_NOT_ELIGIBLE');
    expect(refused({ status: 'WITHDRAWN' })).toBe('ATTESTATION_NOT_ELIGIBLE');
    expect(refused({ kind: 'RESEARCH' })).toBe('ATTESTATION_NOT_ELIGIBLE');
    expect(codeOf(() => assertDeliverable(bounty, team, a))).toBe('TEAM_NOT_ALLOWED');
    expect(() => assertDeliverable({ ...bounty, teamAllowed: true }, team, a)).not.toThrow();
  });

  it('refuses a review by anyone the attestation credits', () => {
    expect(codeOf(() => assertNotSelfReview(team, a))).toBe('SELF_REVIEW');
    expect(codeOf(() => assertNotSelfReview(team, b))).toBe('SELF_REVIEW');
    expect(() => assertNotSelfReview(team, c)).not.toThrow();
  });

  it('accepts at minReviews with a median at the acceptance score, every co-contributor signed', () => {
    const rule = { id: 'b1', minReviews: 2, acceptanceScore: 60 };
    expect(codeOf(() => assertAcceptable(rule, attestation, [90]))).toBe('NOT_ENOUGH_REVIEWS');
    expect(codeOf(() => assertAcceptable(rule, attestation, [50, 90]))).toBe('SCORE_TOO_LOW');
    expect(() => assertAcceptable(rule, attestation, [60, 90])).not.toThrow();
    expect(codeOf(() => assertAcceptable(rule, team, [60, 90]))).toBe('COSIGNATURES_MISSING');
    expect(codeOf(() => assertAcceptable(rule, { ...attestation, status: 'WITHDRAWN' }, [60, 90]))).toBe(
      'ATTESTATION_NOT_ELIGIBLE',
    );
    expect(() => assertAcceptable({ ...rule, minReviews: 0 }, attestation, [])).not.toThrow();
  });

  it('takes the lower median of an even count', () => {
    expect(medianScore([])).toBeNull();
    expect(medianScore([80, 20, 60])).toBe(60);
    expect(medianScore([50, 90])).toBe(50);
  });
});

describe('splitReward', () => {
  it('splits by bps exactly, the missing units to the largest remainders, lower address first on ties', () => {
    expect(
      splitReward(1_000_001n, [
        { contributor: b, bps: 4_000 },
        { contributor: a, bps: 6_000 },
      ]),
    ).toEqual([
      { payee: a, amount: 600_001n },
      { payee: b, amount: 400_000n },
    ]);
    const thirds = splitReward(10n, [
      { contributor: c, bps: 3_334 },
      { contributor: b, bps: 3_333 },
      { contributor: a, bps: 3_333 },
    ]);
    expect(thirds.reduce((sum, payout) => sum + payout.amount, 0n)).toBe(10n);
    expect(thirds).toEqual([
      { payee: a, amount: 3n },
      { payee: b, amount: 3n },
      { payee: c, amount: 4n },
    ]);
  });

  it('leaves out a payee whose share rounds to nothing, and refuses credits not summing to 10 000 bps', () => {
    expect(
      splitReward(1n, [
        { contributor: a, bps: 9_000 },
        { contributor: b, bps: 1_000 },
      ]),
    ).toEqual([{ payee: a, amount: 1n }]);
    expect(() => splitReward(1n, [{ contributor: a, bps: 9_000 }])).toThrow(RangeError);
  });
});
