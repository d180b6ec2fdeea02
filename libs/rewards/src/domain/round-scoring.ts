import type { AllocationEntry, AttestationKind } from './allocation/index.js';
import type { ScoringEngine } from './round.js';
import { runEpochSparse, type SparseMatrix, type YumaInput, type YumaParams } from './yuma/index.js';
import { sparseRow, toDense, weightedColumnSums } from './yuma/matrix.js';
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
  /** The epoch's input, exactly as `guildhall score --input` takes it (docs/cli.md). */
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
    // One Yuma epoch on reviewers × contributors: W[reviewer][contributor], bonds likewise.
    const column = new Map(people.map((contributor, j) => [contributor, j]));
    const scores = reviewers.map(() => new Map<number, number>());
    for (const attestation of work)
      for (const review of attestation.reviews) {
        const row = scores[reviewers.indexOf(review.reviewer)];
        for (const credit of attestation.credits) {
          const j = column.get(credit.contributor)!;
          row.set(j, (row.get(j) ?? 0) + (review.score * credit.bps) / 10_000);
        }
      }
    const weights: SparseMatrix = { columns: people.length, rows: scores.map(sparseRow) };
    const bondsPrev: SparseMatrix = {
      columns: people.length,
      rows: reviewers.map((reviewer) =>
        sparseRow(people.map((contributor, j) => [j, input.bondsPrev(kind, reviewer, contributor)])),
      ),
    };
    const stake = reviewers.map((reviewer) => Number(stakes.get(reviewer)));
    const params = { ...input.params, liquidAlpha: { ...input.params.liquidAlpha } };
    const share = input.poolShares[kind] ?? 0;
    const totalStake = stake.reduce((sum, value) => sum + value, 0);
    let incentive: number[];
    let consensus: number[];
    let bonds: PoolScoring['bonds'] = [];
    if (input.engine === 'YUMA') {
      const result = runEpochSparse({ stake, weights, bondsPrev, params });
      incentive = result.incentive;
      consensus = result.consensus;
      const kept = toDense(result.bonds);
      bonds = reviewers.flatMap((reviewer, i) =>
        people.map((contributor, j) => ({ reviewer, contributor, bond: kept[i][j] })),
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
      incentive = input.engine === 'MEAN' ? weightedColumnSums(weights, normalizedStake) : consensus;
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
    pools.push({
      kind,
      reviewers,
      contributors: people,
      yumaInput: squareYumaInput(stake, weights, bondsPrev, params),
      bonds,
    });
  }

  const reviewers = [...reviewerWeight.keys()].sort(byAddress).map((reviewer) => ({
    recipient: reviewer,
    weight: reviewerWeight.get(reviewer)!,
    details: { stake: reviewerStake.get(reviewer)!.toString(), pools: reviewerPools.get(reviewer)! },
  }));
  return { pools, contributors, reviewers };
}

/**
 * The epoch in subtensor's uid layout, as `guildhall score --input` takes it (docs/cli.md): the
 * reviewers' rows and columns first, then the contributors'; only reviewers weigh and hold bonds.
 */
function squareYumaInput(
  reviewerStake: number[],
  weights: SparseMatrix,
  bondsPrev: SparseMatrix,
  params: YumaInput['params'],
): YumaInput {
  const reviewers = reviewerStake.length;
  const square = (m: SparseMatrix): number[][] => [
    ...toDense(m).map((row) => [...new Array<number>(reviewers).fill(0), ...row]),
    ...Array.from({ length: m.columns }, () => new Array<number>(reviewers + m.columns).fill(0)),
  ];
  return {
    stake: [...reviewerStake, ...new Array<number>(weights.columns).fill(0)],
    weights: square(weights),
    bondsPrev: square(bondsPrev),
    params,
  };
}
