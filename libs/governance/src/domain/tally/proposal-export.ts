import { Address, Uint256, VOTE_TYPES, checksumAddress, type VoteType } from '@guildhall/core/lean';
import { z } from 'zod';
import { assertChoiceCount, parseChoice } from './choice.js';
import { TallyError, TallyErrorCode } from './tally.error.js';
import { tallyResult } from './tally-result.js';
import { tallyCounter, type TallyVote } from './tally-state.js';

/**
 * An amount of the governance token in base units, written as a decimal string (never a number).
 * `Uint256` also takes bigints; from JSON only its string side can apply.
 */
const BaseUnits = z
  .string({ error: 'expected a decimal string of base units' })
  .pipe(Uint256 as z.ZodType<bigint, string>);

/** One vote of an export. The choice is checked against the vote type, which also names a missing one. */
const ExportedVote = z.object({ voter: Address, choice: z.unknown().optional(), vp: BaseUnits });

/**
 * The proposal export of docs/cli.md, "Export formats" — the stable input of `guildhall recount`:
 * `{ type, choices, quorum, votes: [{ voter, choice, vp }] }`, `quorum` and `vp` as decimal
 * strings, `choice` in its vote type's shape. Reading checks every vote as a submission is checked
 * (choice valid for the type and the number of choices, positive power, one vote per voter).
 * Fields the format does not define are ignored.
 */
export const ProposalExport = z.object({
  type: z.enum(VOTE_TYPES),
  choices: z.array(z.string()),
  quorum: BaseUnits,
  votes: z.array(ExportedVote),
});

/** A parsed proposal export: amounts as bigints, voters checksummed, choices validated. */
export interface ParsedProposalExport {
  readonly type: VoteType;
  readonly choices: string[];
  readonly quorum: bigint;
  readonly votes: Array<TallyVote & { readonly voter: Address }>;
}

/** What `guildhall recount` prints. */
export interface RecountResult {
  readonly scores: readonly string[];
  readonly scoresTotal: string;
  readonly quorumReached: boolean;
}

/** Parses a proposal export; a malformed one throws EXPORT_INVALID naming each problem and where. */
export function parseProposalExport(json: unknown): ParsedProposalExport {
  const { header, reader } = readExport(json, ({ type, choices }) => {
    const votes: Array<TallyVote & { readonly voter: Address }> = [];
    const add = ({ voter, choice, vp }: ReadVote) =>
      votes.push({ voter: checksumAddress(voter), choice: parseChoice(type, choice, choices.length), vp });
    return { add, votes };
  });
  return { ...header, votes: reader.votes };
}

/**
 * Recomputes a proposal's result from its export, as `guildhall recount` prints it: each vote is
 * counted as it is read, without a list of parsed votes in between.
 */
export function recount(json: unknown): RecountResult {
  const { header, reader } = readExport(json, ({ type, choices }) => tallyCounter(type, choices.length));
  const { scores, scoresTotal, quorumReached } = tallyResult(reader.tally, header.quorum);
  return { scores, scoresTotal, quorumReached };
}

/** The export with its votes not yet read: `readExport` checks them one by one. */
const ProposalExportHeader = ProposalExport.extend({ votes: z.array(z.unknown()) });
type Header = Omit<z.output<typeof ProposalExportHeader>, 'votes'>;

interface ReadVote {
  readonly voter: string;
  readonly choice: unknown;
  readonly vp: bigint;
}

/**
 * Checks an export and hands the reader that `open` makes for it each vote whose voter and power
 * are valid and new, in order; a TallyError from the reader is that vote's choice problem. Throws
 * EXPORT_INVALID with every problem found. Voters are compared without their case, and
 * checksummed only to name one.
 */
function readExport<R extends { add(vote: ReadVote): unknown }>(
  json: unknown,
  open: (header: Header) => R,
): { header: Header; reader: R } {
  const parsed = ProposalExportHeader.safeParse(json);
  if (!parsed.success) throw exportInvalid(parsed.error.issues);
  const { votes, ...header } = parsed.data;
  const { type, choices } = header;
  const issues: Issue[] = [];
  const problem = (path: PropertyKey[], message: string) => issues.push({ path, message });
  try {
    assertChoiceCount(type, choices.length);
  } catch (error) {
    problem(['choices'], tallyMessage(error));
    throw exportInvalid(issues);
  }
  const reader = open(header);
  const voters = new Voters(votes.length, (index) => (votes[index] as { voter: string }).voter);
  votes.forEach((raw, index) => {
    let vote = wellFormedVote(raw);
    if (vote === undefined) {
      const checked = ExportedVote.safeParse(raw);
      if (!checked.success) {
        for (const issue of checked.error.issues) problem(['votes', index, ...issue.path], issue.message);
        return;
      }
      const { voter, choice, vp } = checked.data;
      vote = { voter, prefix: addressPrefix(voter) as number, choice, vp };
    }
    const earlier = voters.firstVote(vote.voter, vote.prefix, index);
    if (earlier !== undefined)
      problem(['votes', index, 'voter'], `${checksumAddress(vote.voter)} already voted in votes[${earlier}]`);
    if (vote.vp === 0n) {
      problem(['votes', index, 'vp'], `voting power must be positive [${TallyErrorCode.VP_NOT_POSITIVE}]`);
    }
    try {
      // A vote already in error is not counted, only its choice checked.
      if (earlier === undefined && vote.vp !== 0n) reader.add(vote);
      else parseChoice(type, vote.choice, choices.length);
    } catch (error) {
      problem(['votes', index, 'choice'], tallyMessage(error));
    }
  });
  if (issues.length > 0) throw exportInvalid(issues);
  return { header, reader };
}

/**
 * A vote whose voter and power are plainly valid, read without its schema: what nearly every vote
 * of an export is, and the schema per vote would cost more than counting it. Anything else is
 * undefined, and `ExportedVote` then names the problem. (A decimal of at most 77 digits is below
 * 2^256; longer ones go through the schema's range check.)
 */
function wellFormedVote(raw: unknown): (ReadVote & { readonly prefix: number }) | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { voter, choice, vp } = raw as { voter?: unknown; choice?: unknown; vp?: unknown };
  const prefix = typeof voter === 'string' ? addressPrefix(voter) : undefined;
  if (prefix === undefined || typeof vp !== 'string' || vp.length > 77 || !DECIMAL.test(vp)) return undefined;
  return { voter: voter as string, prefix, choice, vp: BigInt(vp) };
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * The first 52 bits of a 0x-prefixed 40-hex-digit address as a number (any case), or undefined
 * when it is not one: a check and a key at once, without a lower-cased copy per voter.
 */
function addressPrefix(address: string): number | undefined {
  if (address.length !== 42 || address.charCodeAt(0) !== 0x30 || address.charCodeAt(1) !== 0x78) {
    return undefined;
  }
  let prefix = 0;
  for (let at = 2; at < 42; at += 1) {
    const code = address.charCodeAt(at);
    const letter = code | 0x20; // a–f from A–F too
    const digit =
      code >= 0x30 && code <= 0x39 ? code - 0x30 : letter >= 0x61 && letter <= 0x66 ? letter - 0x57 : -1;
    if (digit < 0) return undefined;
    if (at < 15) prefix = prefix * 16 + digit;
  }
  return prefix;
}

/**
 * Who voted where: an open-addressing table of address prefixes in typed arrays (no string or
 * object per voter). Voters whose prefixes meet are told apart by their whole address.
 */
class Voters {
  private readonly prefixes: Float64Array;
  /** Vote index + 1 per slot; 0 is an empty slot. */
  private readonly votes: Int32Array;
  private readonly byAddress = new Map<string, number>();

  constructor(
    count: number,
    private readonly voterAt: (index: number) => string,
  ) {
    const size = 2 ** Math.ceil(Math.log2(2 * count + 1));
    this.prefixes = new Float64Array(size);
    this.votes = new Int32Array(size);
  }

  /**
   * Where this voter (`prefix`: its `addressPrefix`) first voted, if before `index`; otherwise
   * records `index` as its vote.
   */
  firstVote(voter: string, prefix: number, index: number): number | undefined {
    const mask = this.votes.length - 1;
    // The prefix is the start of a hash (an address), so its low bits spread voters over the slots.
    for (let slot = prefix % this.votes.length; ; slot = (slot + 1) & mask) {
      if (this.votes[slot] === 0) {
        this.prefixes[slot] = prefix;
        this.votes[slot] = index + 1;
        return undefined;
      }
      if (this.prefixes[slot] === prefix) {
        const first = this.votes[slot] - 1;
        const address = voter.toLowerCase();
        if (this.voterAt(first).toLowerCase() === address) return first;
        const earlier = this.byAddress.get(address);
        if (earlier === undefined) this.byAddress.set(address, index);
        return earlier;
      }
    }
  }
}

interface Issue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

const MAX_ISSUES_SHOWN = 5;

function exportInvalid(issues: readonly Issue[]): TallyError {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = formatPath(issue.path);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return new TallyError(
    TallyErrorCode.EXPORT_INVALID,
    `not a valid proposal export: ${shown.join('; ')}${more}`,
    { issues: issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) },
  );
}

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
