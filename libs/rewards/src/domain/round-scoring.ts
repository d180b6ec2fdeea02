import type { AllocationEntry, AttestationKind } from './allocation/index.js';
import type { ScoringEngine } from './round.js';
import { runEpoch, type YumaInput, type YumaParams } from './yuma/index.js';
import { weightedMedianCol } from './yuma/weighted-median.js';

/** An ACCEPTED attestation of the round with its live reviews. */
export interface ScoredAttestation {
  readonly id: string;
  readonly kind: AttestationKind;
  readonly credits: ReadonlyArray<{ contributor: string; bps: number }>;
  readonly reviews: ReadonlyArray<{ reviewer: string; score: number; stake: bigint }>;
}

export interface ContributorDetails {
  readonly engine: ScoringEngine;
  readonly attestations: ReadonlyArray<{
    id: string;
    bps: number;
    scores: ReadonlyArray<{ reviewer: string; score: number }>;
  }>;
  /** Stake-weighted κ-median of what the reviewers gave (Yuma consensus; MEDIAN: the median). */
  readonly consensus: number;
  /** Its share of the pool by the engine: Yuma incentive, stake-weighted mean or median. */
  readonly incentive: number;
}

export interface ReviewerDetails {
  readonly stake: string;
  /** Per kind pool it reviewed in: validator trust and dividends (Yuma), or its stake share. */
  readonly pools: ReadonlyArray<{ kind: AttestationKind; trust: number; dividends: number }>;
}

export interface PoolScoring {
  readonly kind: AttestationKind;
  /** Participants in Yuma order: the reviewers (sorted), then the contributors (sorted). */
  readonly reviewers: readonly string[];
  readonly contributors: readonly string[];
  /** The epoch's input, exactly as `guildhall score --input` takes it (DESIGN.md). */
  readonly yumaInput: YumaInput;
  /** The engine's bonds after this epoch, reviewer × contributor (Yuma only; empty otherwise). */
  readonly bonds: ReadonlyArray<{ reviewer: string; contributor: string; bond: number }>;
}

export interface RoundScoring {
  readonly pools: readonly PoolScoring[];
  readonly contributors: Partial<Record<AttestationKind, Array<AllocationEntry<ContributorDetails>>>>;
  readonly reviewers: Array<AllocationEntry<ReviewerDetails>>;
}

const byAddress = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);

/**
 * Turns a round's accepted attestations into allocation weights, pool by pool (one pool per kind,
 * one Yuma epoch per pool). W[reviewer][contributor] is the reviewer's scores summed over the
 * contributor's attestations in the pool, each credited by its split. YUMA: contributors weigh
 * their incentive, reviewers their dividends; MEAN / MEDIAN: the stake-weighted mean or median of
 * W, and reviewers their stake. A reviewer's weight in the reviewers' pool sums its dividends over
 * the pools, each scaled by the pool's share of the contributor pool.
 *
 * `bondsPrev(kind, reviewer, contributor)` is the bond the DAO kept from earlier rounds.
 */
export function scoreRound(input: {
  engine: ScoringEngine;
  params: YumaParams;
  poolShares: Partial<Record<AttestationKind, number>>;
  attestations: readonly ScoredAttestation[];
  bondsPrev: (kind: AttestationKind, reviewer: string, contributor: string) => number;
}): RoundScoring {
  const kinds = [...new Set(input.attestations.map((attestation) => attestation.kind))].sort();
  const pools: PoolScoring[] = [];
  const contributors: RoundScoring['contributors'] = {};
  const reviewerWeight = new Map<string, number>();
  const reviewerStake = new Map<string, bigint>();
  const reviewerPools = new Map<string, Array<{ kind: AttestationKind; trust: number; dividends: number }>>();

  for (const kind of kinds) {
    const work = input.attestations
      .filter((attestation) => attestation.kind === kind)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const stakes = new Map<string, bigint>();
    for (const attestation of work)
      for (const review of attestation.reviews)
        stakes.set(
          review.reviewer,
          review.stake > (stakes.get(review.reviewer) ?? 0n)
            ? review.stake
            : (stakes.get(review.reviewer) ?? 0n),
        );
    const reviewers = [...stakes.keys()].sort(byAddress);
    const people = [
      ...new Set(work.flatMap((attestation) => attestation.credits.map((credit) => credit.contributor))),
    ].sort(byAddress);
    const n = reviewers.length + people.length;
    const column = new Map(people.map((contributor, j) => [contributor, reviewers.length + j]));
    const weights = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const attestation of work)
      for (const review of attestation.reviews) {
        const i = reviewers.indexOf(review.reviewer);
        for (const credit of attestation.credits)
          weights[i][column.get(credit.contributor)!] += (review.score * credit.bps) / 10_000;
      }
    const stake = [...reviewers.map((reviewer) => Number(stakes.get(reviewer))), ...people.map(() => 0)];
    const bondsPrev = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) =>
        i < reviewers.length && j >= reviewers.length
          ? input.bondsPrev(kind, reviewers[i], people[j - reviewers.length])
          : 0,
      ),
    );
    const yumaInput: YumaInput = {
      stake,
      weights,
      bondsPrev,
      params: { ...input.params, liquidAlpha: { ...input.params.liquidAlpha } },
    };
    const share = input.poolShares[kind] ?? 0;
    const totalStake = stake.reduce((sum, value) => sum + value, 0);
    let incentive: number[];
    let consensus: number[];
    let bonds: PoolScoring['bonds'] = [];
    if (input.engine === 'YUMA') {
      const result = runEpoch(yumaInput);
      incentive = result.incentive;
      consensus = result.consensus;
      bonds = reviewers.flatMap((reviewer, i) =>
        people.map((contributor, j) => ({
          reviewer,
          contributor,
          bond: result.bonds[i][reviewers.length + j],
        })),
      );
      reviewers.forEach((reviewer, i) => {
        reviewerWeight.set(reviewer, (reviewerWeight.get(reviewer) ?? 0) + result.dividends[i] * share);
        reviewerPools.set(reviewer, [
          ...(reviewerPools.get(reviewer) ?? []),
          { kind, trust: result.validatorTrust[i], dividends: result.dividends[i] },
        ]);
      });
    } else {
      const normalizedStake = stake.map((value) => (totalStake > 0 ? value / totalStake : 0));
      consensus = weightedMedianCol(normalizedStake, weights, 0.5);
      const mean =
        weights[0]?.map((_, j) => weights.reduce((sum, row, i) => sum + normalizedStake[i] * row[j], 0)) ??
        [];
      incentive = input.engine === 'MEAN' ? mean : consensus;
      reviewers.forEach((reviewer, i) => {
        reviewerWeight.set(reviewer, (reviewerWeight.get(reviewer) ?? 0) + normalizedStake[i] * share);
        reviewerPools.set(reviewer, [
          ...(reviewerPools.get(reviewer) ?? []),
          { kind, trust: 1, dividends: normalizedStake[i] },
        ]);
      });
    }
    for (const reviewer of reviewers)
      if ((reviewerStake.get(reviewer) ?? 0n) < stakes.get(reviewer)!)
        reviewerStake.set(reviewer, stakes.get(reviewer)!);

    contributors[kind] = people.map((contributor) => {
      const j = column.get(contributor)!;
      return {
        recipient: contributor,
        weight: incentive[j],
        details: {
          engine: input.engine,
          attestations: work
            .filter((attestation) => attestation.credits.some((credit) => credit.contributor === contributor))
            .map((attestation) => ({
              id: attestation.id,
              bps: attestation.credits.find((credit) => credit.contributor === contributor)!.bps,
              scores: attestation.reviews.map(({ reviewer, score }) => ({ reviewer, score })),
            })),
          consensus: consensus[j],
          incentive: incentive[j],
        },
      };
    });
    pools.push({ kind, reviewers, contributors: people, yumaInput, bonds });
  }

  const reviewers = [...reviewerWeight.keys()].sort(byAddress).map((reviewer) => ({
    recipient: reviewer,
    weight: reviewerWeight.get(reviewer)!,
    details: { stake: reviewerStake.get(reviewer)!.toString(), pools: reviewerPools.get(reviewer)! },
  }));
  return { pools, contributors, reviewers };
}
