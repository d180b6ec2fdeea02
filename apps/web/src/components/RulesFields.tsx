import { formatTokenAmount, parseTokenAmount, VOTE_TYPES } from '@guildhall/core';
import type { DaoSettingsFragment, TokenFieldsFragment, VotingRules } from '@guildhall/sdk';
import { amountProblem, Field, integerProblem } from '../forms.js';
import { duration } from '../format.js';

type VoteName = VotingRules['voteTypes'][number];

/** The API's VoteType (SINGLE_CHOICE) as the signed name (single-choice). */
export const voteName = (type: string): VoteName => type.toLowerCase().replace('_', '-') as VoteName;

/** A DAO's voting rules as typed in the form: amounts in the governance token's units. */
export interface RulesDraft {
  readonly votingDelay: string;
  readonly votingPeriod: string;
  readonly proposalThreshold: string;
  readonly quorumKind: VotingRules['quorumKind'];
  readonly quorum: string;
  readonly supermajorityBps: string;
  readonly voteTypes: readonly VoteName[];
  readonly allowVoteChange: boolean;
}

const DAY = 86_400;

export const DEFAULT_RULES: RulesDraft = {
  votingDelay: '0',
  votingPeriod: String(3 * DAY),
  proposalThreshold: '1',
  quorumKind: 'SUPPLY_BPS',
  quorum: '400',
  supermajorityBps: '0',
  voteTypes: ['basic', 'single-choice', 'approval'],
  allowVoteChange: true,
};

export function rulesDraftOf(dao: DaoSettingsFragment, token: TokenFieldsFragment): RulesDraft {
  const units = (value: string) => formatTokenAmount(BigInt(value), token.decimals).replace(/,/g, '');
  return {
    votingDelay: String(dao.votingDelay),
    votingPeriod: String(dao.votingPeriod),
    proposalThreshold: units(dao.proposalThreshold),
    quorumKind: dao.quorumKind,
    quorum: dao.quorumKind === 'ABSOLUTE' ? units(dao.quorum) : dao.quorum,
    supermajorityBps: String(dao.supermajorityBps),
    voteTypes: dao.voteTypes.map(voteName),
    allowVoteChange: dao.allowVoteChange,
  };
}

export type RulesErrors = Partial<Record<keyof RulesDraft, string>>;

/** The problems of a draft, by field (the API's names for them). */
export function rulesProblems(draft: RulesDraft, token: TokenFieldsFragment | undefined): RulesErrors {
  const errors: RulesErrors = {
    votingDelay: integerProblem(draft.votingDelay, 0, 30 * DAY),
    votingPeriod: integerProblem(draft.votingPeriod, 5, 365 * DAY),
    proposalThreshold: amountProblem(draft.proposalThreshold, token),
    quorum:
      draft.quorumKind === 'ABSOLUTE'
        ? amountProblem(draft.quorum, token)
        : integerProblem(draft.quorum, 0, 10_000),
    supermajorityBps: integerProblem(draft.supermajorityBps, 0, 10_000),
    voteTypes: draft.voteTypes.length === 0 ? 'At least one vote type.' : undefined,
  };
  return Object.fromEntries(Object.entries(errors).filter(([, error]) => error !== undefined));
}

/** The API's refusal of a voting rule, on that rule's field. */
export function apiRulesErrors(apiError: (field: string) => string | undefined): RulesErrors {
  const fields: ReadonlyArray<keyof RulesDraft> = [
    'votingDelay',
    'votingPeriod',
    'proposalThreshold',
    'quorum',
    'supermajorityBps',
    'voteTypes',
  ];
  return Object.fromEntries(
    fields.flatMap((field) => {
      const error = apiError(field);
      return error === undefined ? [] : [[field, error]];
    }),
  );
}

/** The rules to sign; call only when rulesProblems found none. */
export function rulesOf(draft: RulesDraft, token: TokenFieldsFragment): VotingRules {
  return {
    votingDelay: Number(draft.votingDelay),
    votingPeriod: Number(draft.votingPeriod),
    proposalThreshold: parseTokenAmount(draft.proposalThreshold, token.decimals),
    quorumKind: draft.quorumKind,
    quorum:
      draft.quorumKind === 'ABSOLUTE'
        ? parseTokenAmount(draft.quorum, token.decimals)
        : BigInt(draft.quorum.trim()),
    supermajorityBps: Number(draft.supermajorityBps),
    voteTypes: VOTE_TYPES.filter((name) => draft.voteTypes.includes(name)),
    allowVoteChange: draft.allowVoteChange,
  };
}

/** The voting rules' inputs, shared by the new DAO form and the DAO's settings. */
export function RulesFields({
  draft,
  onChange,
  token,
  errors,
  disabled = false,
}: {
  draft: RulesDraft;
  onChange: (draft: RulesDraft) => void;
  token: TokenFieldsFragment | undefined;
  errors: RulesErrors;
  disabled?: boolean;
}) {
  const set = <K extends keyof RulesDraft>(key: K, value: RulesDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const symbol = token?.symbol ?? 'governance token units';
  const seconds = (text: string) => (/^\d+$/.test(text.trim()) ? `= ${duration(Number(text))}` : undefined);
  return (
    <fieldset disabled={disabled}>
      <legend>Voting rules</legend>
      <Field
        label="Voting delay (seconds)"
        inputMode="numeric"
        value={draft.votingDelay}
        onChange={(value) => set('votingDelay', value)}
        hint={seconds(draft.votingDelay) ?? 'From a proposal’s creation to the start of its vote.'}
        error={errors.votingDelay}
      />
      <Field
        label="Voting period (seconds)"
        inputMode="numeric"
        value={draft.votingPeriod}
        onChange={(value) => set('votingPeriod', value)}
        hint={seconds(draft.votingPeriod) ?? '5 seconds to 365 days.'}
        error={errors.votingPeriod}
      />
      <Field
        label={`Proposal threshold (${symbol})`}
        inputMode="decimal"
        value={draft.proposalThreshold}
        onChange={(value) => set('proposalThreshold', value)}
        hint="The voting power needed to create a proposal."
        error={errors.proposalThreshold}
      />
      <div className="stack">
        <label>
          Quorum kind{' '}
          <select
            value={draft.quorumKind}
            onChange={(event) => set('quorumKind', event.target.value as RulesDraft['quorumKind'])}
          >
            <option value="SUPPLY_BPS">A share of the supply (basis points)</option>
            <option value="ABSOLUTE">An amount of voting power</option>
          </select>
        </label>
      </div>
      <Field
        label={draft.quorumKind === 'ABSOLUTE' ? `Quorum (${symbol})` : 'Quorum (basis points of the supply)'}
        inputMode={draft.quorumKind === 'ABSOLUTE' ? 'decimal' : 'numeric'}
        value={draft.quorum}
        onChange={(value) => set('quorum', value)}
        hint={draft.quorumKind === 'ABSOLUTE' ? undefined : '100 basis points = 1%.'}
        error={errors.quorum}
      />
      <Field
        label="Supermajority (basis points, 0 for a simple majority)"
        inputMode="numeric"
        value={draft.supermajorityBps}
        onChange={(value) => set('supermajorityBps', value)}
        hint="The share of For among For and Against a basic proposal needs to pass."
        error={errors.supermajorityBps}
      />
      <fieldset>
        <legend>Vote types allowed</legend>
        {VOTE_TYPES.map((name) => (
          <label key={name} className="option">
            <input
              type="checkbox"
              checked={draft.voteTypes.includes(name)}
              onChange={(event) =>
                set(
                  'voteTypes',
                  event.target.checked
                    ? [...draft.voteTypes, name]
                    : draft.voteTypes.filter((other) => other !== name),
                )
              }
            />{' '}
            {name.replace('-', ' ')}
          </label>
        ))}
        {errors.voteTypes !== undefined && <small className="error">{errors.voteTypes}</small>}
      </fieldset>
      <label className="option">
        <input
          type="checkbox"
          checked={draft.allowVoteChange}
          onChange={(event) => set('allowVoteChange', event.target.checked)}
        />{' '}
        Voters may change their vote while it is open
      </label>
    </fieldset>
  );
}
