import type { VoteType } from '@guildhall/core';
import { assertChoiceCount, parseChoice, weightEntries, type Choice } from './choice.js';
import { SCALE, isqrt } from './fixed-point.js';
import { rankingKey } from './instant-runoff.js';
import { TallyError, TallyErrorCode } from './tally.error.js';

/** One counted vote: a choice of the proposal's vote type and the voter's power in base units. */
export interface TallyVote {
  readonly choice: Choice;
  readonly vp: bigint;
}

/** Vote types whose tally is one running sum per choice. */
export type SummedVoteType = Exclude<VoteType, 'ranked-choice'>;

/**
 * The kept tally of every type but ranked-choice: one sum per choice, in choice order.
 * - basic, single-choice, approval: voting power, in base units (exact).
 * - weighted: Σ vp · w / Σw over the votes, × 10^18, each vote's share rounded down.
 * - quadratic: Σ √(vp · w / Σw) over the votes, × 10^18, each root rounded down. The roots add up
 *   vote by vote; the squaring and scaling that make scores happen in `tallyResult`.
 */
export interface SummedTallyState {
  readonly type: SummedVoteType;
  readonly choiceCount: number;
  /** Σ vp of the counted votes (base units). */
  readonly totalVp: bigint;
  readonly sums: readonly bigint[];
}

/**
 * The kept tally of ranked-choice: the voting power behind each distinct ranking (key: the
 * ranking joined by commas, "3,1,2"). Instant runoff needs whole ballots, and this is all of them
 * it needs; it holds at most min(votes, choiceCount!) entries.
 */
export interface RankedChoiceTallyState {
  readonly type: 'ranked-choice';
  readonly choiceCount: number;
  readonly totalVp: bigint;
  readonly ballots: ReadonlyMap<string, bigint>;
}

/**
 * A proposal's tally, kept with every vote (`applyVote`, `removeVote` for a replaced vote) and
 * recomputed from all votes at close (`computeTally`). Both are the same folds over the same
 * per-vote terms, each term a function of that one vote alone, so they agree exactly.
 */
export type TallyState = SummedTallyState | RankedChoiceTallyState;

type Working =
  | { type: SummedVoteType; choiceCount: number; totalVp: bigint; sums: bigint[] }
  | { type: 'ranked-choice'; choiceCount: number; totalVp: bigint; ballots: Map<string, bigint> };

/** The tally of a proposal nobody has voted on. */
export function emptyTally(type: VoteType, choiceCount: number): TallyState {
  assertChoiceCount(type, choiceCount);
  return type === 'ranked-choice'
    ? { type, choiceCount, totalVp: 0n, ballots: new Map() }
    : { type, choiceCount, totalVp: 0n, sums: new Array<bigint>(choiceCount).fill(0n) };
}

/** The tally with one more vote. Validates the vote's choice and power (TallyError). */
export function applyVote(state: TallyState, vote: TallyVote): TallyState {
  const next = copy(state);
  count(next, vote, 1n);
  return next;
}

/**
 * The tally without a vote it counted before (a re-vote removes the old vote, then applies the
 * new one). Throws VOTE_NOT_IN_TALLY when the tally cannot hold that vote.
 */
export function removeVote(state: TallyState, vote: TallyVote): TallyState {
  const next = copy(state);
  count(next, vote, -1n);
  return next;
}

/** The tally of a whole set of votes, as at the close of a proposal or in an offline recount. */
export function computeTally(type: VoteType, choiceCount: number, votes: Iterable<TallyVote>): TallyState {
  const counter = tallyCounter(type, choiceCount);
  for (const vote of votes) counter.add(vote);
  return counter.tally;
}

/**
 * A tally counted in place, one vote at a time, for a caller that reads votes as it goes (the
 * recount of an export) instead of holding them all. `add` validates the vote as `applyVote` does
 * and throws TallyError before counting any of it.
 */
export function tallyCounter(
  type: VoteType,
  choiceCount: number,
): { add(vote: { readonly choice: unknown; readonly vp: bigint }): void; readonly tally: TallyState } {
  const state = copy(emptyTally(type, choiceCount));
  return { add: (vote) => count(state, vote as TallyVote, 1n), tally: state };
}

function copy(state: TallyState): Working {
  return state.type === 'ranked-choice'
    ? { ...state, ballots: new Map(state.ballots) }
    : { ...state, sums: [...state.sums] };
}

/** Adds (sign 1) or takes away (sign −1) one vote, in place. */
function count(state: Working, vote: TallyVote, sign: 1n | -1n): void {
  const { choiceCount } = state;
  const vp = vote.vp;
  if (vp <= 0n) {
    throw new TallyError(TallyErrorCode.VP_NOT_POSITIVE, `voting power must be positive, not ${vp}`, {
      vp: vp.toString(),
    });
  }
  if (state.type === 'ranked-choice') {
    const key = rankingKey(parseChoice(state.type, vote.choice, choiceCount));
    const kept = (state.ballots.get(key) ?? 0n) + sign * vp;
    if (kept < 0n) throw notInTally(vote);
    if (kept === 0n) state.ballots.delete(key);
    else state.ballots.set(key, kept);
  } else {
    const { sums } = state;
    switch (state.type) {
      case 'basic':
      case 'single-choice':
        addTo(sums, parseChoice(state.type, vote.choice, choiceCount), sign * vp, vote);
        break;
      case 'approval':
        for (const choice of parseChoice(state.type, vote.choice, choiceCount)) {
          addTo(sums, choice, sign * vp, vote);
        }
        break;
      case 'weighted':
      case 'quadratic': {
        // Each term depends on this vote alone, so removing the vote takes back exactly its terms.
        const weights = weightEntries(state.type, vote.choice, choiceCount);
        const totalWeight = weights.reduce((sum, [, weight]) => sum + BigInt(weight), 0n);
        // vp · scale once per vote: (vp · scale) · w is the same integer as vp · w · scale.
        const scaled = vp * (state.type === 'weighted' ? SCALE : SCALE_SQUARED);
        for (const [choice, weight] of weights) {
          const share = (scaled * BigInt(weight)) / totalWeight;
          const term = state.type === 'weighted' ? share : isqrt(share);
          addTo(sums, choice, sign === 1n ? term : -term, vote);
        }
        break;
      }
    }
  }
  state.totalVp += sign * vp;
  if (state.totalVp < 0n) throw notInTally(vote);
}

function addTo(sums: bigint[], choice: number, amount: bigint, vote: TallyVote): void {
  sums[choice - 1] += amount;
  if (sums[choice - 1] < 0n) throw notInTally(vote);
}

const SCALE_SQUARED = SCALE * SCALE;

const notInTally = (vote: TallyVote) =>
  new TallyError(
    TallyErrorCode.VOTE_NOT_IN_TALLY,
    'cannot remove a vote the tally does not hold: the kept tally and the stored votes disagree',
    { choice: vote.choice, vp: vote.vp.toString() },
  );
