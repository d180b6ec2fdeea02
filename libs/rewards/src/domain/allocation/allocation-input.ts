import { AllocationError, AllocationErrorCode } from './allocation.error.js';
import { ATTESTATION_KINDS, isAttestationKind, type AttestationKind } from './attestation-kind.js';
import { isValidWeight, type Weight } from './weight.js';

export const BPS = 10_000;
export const DEFAULT_REVIEWER_SHARE_BPS = 1_000;

/**
 * One kind's pool, in bps of the contributor pool. `floorBps` (≤ `shareBps`, default 0) is the part
 * of the pool reserved for the kind: when the kind has no work in a round, the rest of its pool
 * goes to the kinds that have work and its floor stays unallocated (to roll into a later round),
 * never paid to other kinds. A floor equal to the share (e.g. SAFETY_EVALUATION 2,500 of 2,500)
 * means no other kind can ever take that money; a floor of 0 lets all of it flow elsewhere.
 */
export interface KindPoolParams {
  readonly shareBps: number;
  readonly floorBps?: number;
}

export interface AllocationParams {
  /** In the payout token's base units; positive. */
  readonly budget: bigint;
  /** The reviewers' pool, in bps of the budget (rounded down; the contributor pool gets the rest). */
  readonly reviewerShareBps?: number;
  /** Kind pools whose shares sum to 10,000 bps; a kind left out has share and floor 0. */
  readonly kindPools: Readonly<Partial<Record<AttestationKind, KindPoolParams>>>;
  /**
   * The most one contributor's allocation in one kind pool may be, in bps of the contributor pool
   * (rounded down to base units); absent: no cap. Reviewers are not capped.
   */
  readonly contributorCapBps?: number;
  /** Allocations (contributors' and reviewers') below this many base units are not paid; 0n: none. */
  readonly minPayout?: bigint;
}

/**
 * A recipient in one pool. `details` is carried into its allocation's explanation unchanged: for a
 * contributor its attestations, each reviewer's score, the consensus, the clipped weight and the
 * incentive; for a reviewer its stake, trust and bonds.
 */
export interface AllocationEntry<Details = unknown> {
  /** An address; pools are ordered and ties broken by it, compared case-insensitively. */
  readonly recipient: string;
  /** Contributors: the Yuma incentive (or MEAN/MEDIAN score); reviewers: the Yuma dividends. */
  readonly weight: Weight;
  readonly details: Details;
}

export interface AllocationInput<Details = unknown> {
  readonly params: AllocationParams;
  /** Per kind, that kind's pool; a contributor with work in several kinds appears in each. */
  readonly contributors: Readonly<Partial<Record<AttestationKind, readonly AllocationEntry<Details>[]>>>;
  readonly reviewers: readonly AllocationEntry<Details>[];
}

/**
 * A checked input: defaults filled in, every kind present, each pool's entries sorted by recipient
 * (lower-cased, in code-unit order).
 */
export interface ResolvedAllocationInput<Details> {
  readonly budget: bigint;
  readonly reviewerShareBps: number;
  readonly contributorCapBps: number | null;
  readonly minPayout: bigint;
  readonly kindPools: Readonly<Record<AttestationKind, Required<KindPoolParams>>>;
  readonly contributors: Readonly<Record<AttestationKind, readonly AllocationEntry<Details>[]>>;
  readonly reviewers: readonly AllocationEntry<Details>[];
}

type Path = ReadonlyArray<string | number>;

function fail(code: AllocationErrorCode, path: Path, value: unknown, message: string): never {
  throw new AllocationError(code, `${path.join('.')}: ${message}`, { path, value: String(value) });
}

function checkBps(value: unknown, path: Path, lowest = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lowest || value > BPS) {
    fail(
      AllocationErrorCode.INVALID_BPS,
      path,
      value,
      `must be an integer number of bps in [${lowest}, ${BPS}]`,
    );
  }
  return value;
}

function checkKinds(record: object, path: Path): void {
  for (const key of Object.keys(record)) {
    if (!isAttestationKind(key)) {
      fail(
        AllocationErrorCode.UNKNOWN_KIND,
        [...path, key],
        key,
        `not one of ${ATTESTATION_KINDS.join(', ')}`,
      );
    }
  }
}

function sortedPool<Details>(
  entries: readonly AllocationEntry<Details>[],
  path: Path,
): AllocationEntry<Details>[] {
  const byKey = new Map<string, AllocationEntry<Details>>();
  entries.forEach((entry, index) => {
    if (typeof entry.recipient !== 'string' || entry.recipient === '') {
      fail(
        AllocationErrorCode.INVALID_RECIPIENT,
        [...path, index, 'recipient'],
        entry.recipient,
        'must be an address',
      );
    }
    if (!isValidWeight(entry.weight)) {
      fail(
        AllocationErrorCode.INVALID_WEIGHT,
        [...path, index, 'weight'],
        entry.weight,
        'must be a finite number or bigint ≥ 0',
      );
    }
    const key = entry.recipient.toLowerCase();
    if (byKey.has(key)) {
      fail(AllocationErrorCode.DUPLICATE_RECIPIENT, path, entry.recipient, 'appears twice in this pool');
    }
    byKey.set(key, entry);
  });
  // The default sort compares strings by UTF-16 code units, natively: far faster than a comparator.
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as AllocationEntry<Details>);
}

/**
 * Checks an allocation input and puts it in a canonical form, so that the order of entries and of
 * keys never changes the result.
 *
 * @throws AllocationError with the code of the first problem found, in the order the fields are
 *   declared.
 */
export function resolveAllocationInput<Details>(
  input: AllocationInput<Details>,
): ResolvedAllocationInput<Details> {
  const { params } = input;
  const { budget } = params;
  if (typeof budget !== 'bigint' || budget < 0n) {
    fail(
      AllocationErrorCode.INVALID_BUDGET,
      ['params', 'budget'],
      budget,
      'must be a bigint ≥ 0 in base units',
    );
  }
  if (budget === 0n)
    fail(AllocationErrorCode.ZERO_BUDGET, ['params', 'budget'], budget, 'there is nothing to allocate');
  const reviewerShareBps = checkBps(params.reviewerShareBps ?? DEFAULT_REVIEWER_SHARE_BPS, [
    'params',
    'reviewerShareBps',
  ]);
  const contributorCapBps =
    params.contributorCapBps === undefined
      ? null
      : checkBps(params.contributorCapBps, ['params', 'contributorCapBps'], 1);
  const minPayout = params.minPayout ?? 0n;
  if (typeof minPayout !== 'bigint' || minPayout < 0n) {
    fail(AllocationErrorCode.INVALID_MIN_PAYOUT, ['params', 'minPayout'], minPayout, 'must be a bigint ≥ 0');
  }

  checkKinds(params.kindPools, ['params', 'kindPools']);
  let shareTotal = 0;
  const kindPools = {} as Record<AttestationKind, Required<KindPoolParams>>;
  for (const kind of ATTESTATION_KINDS) {
    const path = ['params', 'kindPools', kind];
    const pool = params.kindPools[kind];
    const shareBps = checkBps(pool?.shareBps ?? 0, [...path, 'shareBps']);
    const floorBps = checkBps(pool?.floorBps ?? 0, [...path, 'floorBps']);
    if (floorBps > shareBps) {
      fail(
        AllocationErrorCode.FLOOR_ABOVE_POOL,
        [...path, 'floorBps'],
        floorBps,
        `is above the pool's ${shareBps} bps`,
      );
    }
    shareTotal += shareBps;
    kindPools[kind] = { shareBps, floorBps };
  }
  if (shareTotal !== BPS) {
    fail(
      AllocationErrorCode.POOLS_NOT_10000_BPS,
      ['params', 'kindPools'],
      shareTotal,
      `shares sum to ${shareTotal}, not ${BPS} bps`,
    );
  }

  checkKinds(input.contributors, ['contributors']);
  const contributors = {} as Record<AttestationKind, AllocationEntry<Details>[]>;
  for (const kind of ATTESTATION_KINDS)
    contributors[kind] = sortedPool(input.contributors[kind] ?? [], ['contributors', kind]);
  const reviewers = sortedPool(input.reviewers, ['reviewers']);

  return { budget, reviewerShareBps, contributorCapBps, minPayout, kindPools, contributors, reviewers };
}
