import { z } from 'zod';
import { assertChoiceCount, parseChoice } from './choice.js';
import { TallyError, TallyErrorCode } from './tally.error.js';
import { rankingKey } from './instant-runoff.js';
import type { TallyState } from './tally-state.js';

const DecimalInteger = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, 'not a non-negative decimal integer')
  .transform((value) => BigInt(value));

/** A tally as stored in a JSON column: bigints as decimal strings. */
export const TallyStateJson = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['basic', 'single-choice', 'approval', 'weighted', 'quadratic']),
    choiceCount: z.number().int(),
    totalVp: DecimalInteger,
    sums: z.array(DecimalInteger),
  }),
  z.object({
    type: z.literal('ranked-choice'),
    choiceCount: z.number().int(),
    totalVp: DecimalInteger,
    ballots: z.record(z.string(), DecimalInteger),
  }),
]);
export type TallyStateJson = z.input<typeof TallyStateJson>;

/** The tally for a JSON column. Ballots are sorted by ranking, so equal tallies give equal JSON. */
export function tallyStateToJson(state: TallyState): TallyStateJson {
  const { type, choiceCount, totalVp } = state;
  if (type === 'ranked-choice') {
    const ballots = [...state.ballots].sort(([a], [b]) => (a < b ? -1 : 1));
    return {
      type,
      choiceCount,
      totalVp: totalVp.toString(),
      ballots: Object.fromEntries(ballots.map(([key, vp]) => [key, vp.toString()])),
    };
  }
  return { type, choiceCount, totalVp: totalVp.toString(), sums: state.sums.map(String) };
}

/**
 * A tally read back from a JSON column, checked for consistency (a sum per choice; ballots that
 * are full rankings with positive power adding up to `totalVp`). Throws TALLY_STATE_INVALID.
 */
export function tallyStateFromJson(json: unknown): TallyState {
  const parsed = TallyStateJson.safeParse(json);
  if (!parsed.success) throw invalid(z.prettifyError(parsed.error));
  const stored = parsed.data;
  try {
    assertChoiceCount(stored.type, stored.choiceCount);
  } catch (error) {
    throw invalid(error instanceof TallyError ? error.message : String(error));
  }
  if (stored.type !== 'ranked-choice') {
    if (stored.sums.length !== stored.choiceCount) {
      throw invalid(`${stored.sums.length} sums for ${stored.choiceCount} choices`);
    }
    return stored;
  }
  const ballots = new Map<string, bigint>();
  for (const [key, vp] of Object.entries(stored.ballots)) {
    const ranking = parseRanking(key, stored.choiceCount);
    if (ranking === null || rankingKey(ranking) !== key) throw invalid(`"${key}" is not a full ranking`);
    if (vp === 0n) throw invalid(`ranking "${key}" has no voting power`);
    ballots.set(key, vp);
  }
  const sum = [...ballots.values()].reduce((total, vp) => total + vp, 0n);
  if (sum !== stored.totalVp) throw invalid(`ballots add up to ${sum}, totalVp is ${stored.totalVp}`);
  return { ...stored, ballots };
}

function parseRanking(key: string, choiceCount: number): readonly number[] | null {
  try {
    return parseChoice('ranked-choice', key.split(',').map(Number), choiceCount);
  } catch {
    return null;
  }
}

const invalid = (problem: string) =>
  new TallyError(TallyErrorCode.TALLY_STATE_INVALID, `stored tally is invalid: ${problem}`);
