import { Address, Uint256 } from '@guildhall/core';
import { z } from 'zod';
import { VOTE_TYPES } from '@guildhall/core';
import { assertChoiceCount, parseChoice } from './choice.js';
import { TallyError, TallyErrorCode } from './tally.error.js';
import { tallyResult } from './tally-result.js';
import { computeTally, type TallyVote } from './tally-state.js';

/**
 * An amount of the governance token in base units, written as a decimal string (never a number).
 * `Uint256` also takes bigints; from JSON only its string side can apply.
 */
const BaseUnits = z
  .string({ error: 'expected a decimal string of base units' })
  .pipe(Uint256 as z.ZodType<bigint, string>);

/**
 * The proposal export of docs/cli.md, "Export formats" — the stable input of `guildhall recount`:
 * `{ type, choices, quorum, votes: [{ voter, choice, vp }] }`, `quorum` and `vp` as decimal
 * strings, `choice` in its vote type's shape. Parsing checks every vote as a submission is checked
 * (choice valid for the type and the number of choices, positive power, one vote per voter).
 * Fields the format does not define are ignored.
 */
export const ProposalExport = z
  .object({
    type: z.enum(VOTE_TYPES),
    choices: z.array(z.string()),
    quorum: BaseUnits,
    // The choice is checked against the vote type below, which also names a missing one.
    votes: z.array(z.object({ voter: Address, choice: z.unknown().optional(), vp: BaseUnits })),
  })
  .transform((exported, ctx) => {
    const { type, choices } = exported;
    const problem = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    try {
      assertChoiceCount(type, choices.length);
    } catch (error) {
      problem(['choices'], tallyMessage(error));
      return z.NEVER;
    }
    const votes: Array<TallyVote & { readonly voter: Address }> = [];
    const firstVote = new Map<Address, number>();
    exported.votes.forEach(({ voter, choice, vp }, index) => {
      const earlier = firstVote.get(voter);
      if (earlier === undefined) firstVote.set(voter, index);
      else problem(['votes', index, 'voter'], `${voter} already voted in votes[${earlier}]`);
      if (vp === 0n) {
        problem(['votes', index, 'vp'], `voting power must be positive [${TallyErrorCode.VP_NOT_POSITIVE}]`);
      }
      try {
        votes.push({ voter, choice: parseChoice(type, choice, choices.length), vp });
      } catch (error) {
        problem(['votes', index, 'choice'], tallyMessage(error));
      }
    });
    return ctx.issues.length > 0 ? z.NEVER : { type, choices, quorum: exported.quorum, votes };
  });
export type ProposalExport = z.output<typeof ProposalExport>;

/** What `guildhall recount` prints. */
export interface RecountResult {
  readonly scores: readonly string[];
  readonly scoresTotal: string;
  readonly quorumReached: boolean;
}

/** Parses a proposal export; a malformed one throws EXPORT_INVALID naming each problem and where. */
export function parseProposalExport(json: unknown): ProposalExport {
  const parsed = ProposalExport.safeParse(json);
  if (parsed.success) return parsed.data;
  const { issues } = parsed.error;
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = formatPath(issue.path);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  throw new TallyError(
    TallyErrorCode.EXPORT_INVALID,
    `not a valid proposal export: ${shown.join('; ')}${more}`,
    { issues: issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) },
  );
}

/** Recomputes a proposal's result from its export, as `guildhall recount` prints it. */
export function recount(json: unknown): RecountResult {
  const exported = parseProposalExport(json);
  const state = computeTally(exported.type, exported.choices.length, exported.votes);
  const { scores, scoresTotal, quorumReached } = tallyResult(state, exported.quorum);
  return { scores, scoresTotal, quorumReached };
}

const MAX_ISSUES_SHOWN = 5;

/** ["votes", 2, "choice"] → "votes[2].choice". */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function tallyMessage(error: unknown): string {
  if (error instanceof TallyError) return `${error.message} [${error.code}]`;
  throw error;
}
