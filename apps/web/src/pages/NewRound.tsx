import { formatTokenValue, parseTokenAmount } from '@guildhall/core';
import {
  CreateRoundDocument,
  DaoWithSettingsDocument,
  GuildhallSigner,
  type AttestationKind,
} from '@guildhall/sdk';
import { useState } from 'react';
import { client, useQuery } from '../api.js';
import { ErrorNote, Loading } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { SignStep } from '../components/SignStep.js';
import {
  addressProblem,
  amountProblem,
  asAddress,
  Field,
  integerProblem,
  useApiFieldError,
  useToken,
} from '../forms.js';
import { duration, localDateTime, localInput, sameAddress } from '../format.js';
import { navigate } from '../router.js';
import { useWallet } from '../wallet/wallet.js';

const KINDS: readonly AttestationKind[] = [
  'FINE_TUNING',
  'SAFETY_EVALUATION',
  'RED_TEAMING',
  'DATA_CURATION',
  'RESEARCH',
  'INFRASTRUCTURE',
  'APPLICATION',
];
const DEFAULT_POOLS: Readonly<Partial<Record<AttestationKind, string>>> = {
  FINE_TUNING: '4000',
  SAFETY_EVALUATION: '3000',
  RED_TEAMING: '3000',
};
const DAY = 86_400_000;
const TEN_YEARS = 10 * 365 * 86_400;

const kindName = (kind: string) => kind.toLowerCase().replace('_', ' ');

/** Where the API's refusals of a round land: its allocation rules name `kindPools`, the form says pools. */
const ERRORS = {
  byCode: { UNKNOWN_TOKEN: 'token', PHASES_OUT_OF_ORDER: 'submissionsCloseAt' },
  aliases: { kindPools: 'pools' },
};

export default function NewRound({ slug }: { slug: string }) {
  const { connection, typedDataSigner } = useWallet();
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const d = dao.data?.dao;
  const [now] = useState(() => new Date());
  const [form, setForm] = useState({
    name: '',
    token: '',
    budget: '',
    openAt: localInput(now),
    closeAt: localInput(new Date(now.getTime() + 7 * DAY)),
    reviewDeadline: localInput(new Date(now.getTime() + 14 * DAY)),
    engine: 'YUMA' as 'YUMA' | 'MEAN' | 'MEDIAN',
    reviewerShareBps: '1000',
    contributorCapBps: '0',
    minPayout: '0',
    cliff: '0',
    vestingDuration: '0',
    interval: '0',
    minReviews: '1',
    acceptanceScore: '50',
    snapshotBlock: '0',
  });
  const [pools, setPools] = useState<Record<string, { share: string; floor: string }>>(() =>
    Object.fromEntries(KINDS.map((kind) => [kind, { share: DEFAULT_POOLS[kind] ?? '0', floor: '0' }])),
  );
  const [tried, setTried] = useState(false);
  const { capture, apiError } = useApiFieldError([form, pools], ERRORS);
  const payout = useToken(form.token);
  const token = payout.token;
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const times = {
    openAt: new Date(form.openAt),
    closeAt: new Date(form.closeAt),
    reviewDeadline: new Date(form.reviewDeadline),
  };
  const poolRows = KINDS.map((kind) => ({ kind, ...pools[kind] }));
  const poolTotal = poolRows.reduce((sum, row) => sum + (/^\d+$/.test(row.share) ? Number(row.share) : 0), 0);
  const poolsProblem = (() => {
    for (const row of poolRows) {
      const problem = integerProblem(row.share, 0, 10_000) ?? integerProblem(row.floor, 0, 10_000);
      if (problem !== undefined) return `${kindName(row.kind)}: ${problem}`;
      if (Number(row.floor) > Number(row.share))
        return `${kindName(row.kind)}: the floor is above the share.`;
    }
    return poolTotal === 10_000 ? undefined : `The shares sum to ${poolTotal} basis points, not 10000.`;
  })();
  const problems: Record<string, string | undefined> = {
    name: form.name.trim() === '' || form.name.length > 200 ? '1 to 200 characters.' : undefined,
    token:
      addressProblem(form.token) ??
      (payout.error === undefined ? undefined : `${payout.error.code}: ${payout.error.message}`),
    budget:
      amountProblem(form.budget, token) ??
      (token !== undefined && parseTokenAmount(form.budget, token.decimals) === 0n
        ? 'Above zero.'
        : undefined),
    openAt: Number.isNaN(times.openAt.getTime()) ? 'A date and time.' : undefined,
    closeAt: Number.isNaN(times.closeAt.getTime())
      ? 'A date and time.'
      : times.closeAt <= times.openAt
        ? 'After submissions open.'
        : times.closeAt.getTime() <= Date.now()
          ? 'In the future.'
          : undefined,
    reviewDeadline: Number.isNaN(times.reviewDeadline.getTime())
      ? 'A date and time.'
      : times.reviewDeadline <= times.closeAt
        ? 'After submissions close.'
        : undefined,
    pools: poolsProblem,
    reviewerShareBps: integerProblem(form.reviewerShareBps, 0, 10_000),
    contributorCapBps: integerProblem(form.contributorCapBps, 0, 10_000),
    minPayout: amountProblem(form.minPayout, token),
    cliff: integerProblem(form.cliff, 0, TEN_YEARS),
    vestingDuration: integerProblem(form.vestingDuration, 0, TEN_YEARS),
    interval:
      integerProblem(form.interval, 0, TEN_YEARS) ??
      (Number(form.vestingDuration) > 0 &&
      (Number(form.interval) === 0 || Number(form.interval) > Number(form.vestingDuration))
        ? '1 second to the duration, when there is a duration.'
        : undefined),
    minReviews: integerProblem(form.minReviews, 1, 1000),
    acceptanceScore: integerProblem(form.acceptanceScore, 0, 100),
    snapshotBlock: /^\d+$/.test(form.snapshotBlock.trim())
      ? undefined
      : 'A block number, or 0 for the latest.',
  };
  /** The API's name of each field, where it differs. */
  const apiName: Record<string, string> = {
    openAt: 'submissionsOpenAt',
    closeAt: 'submissionsCloseAt',
    cliff: 'vesting.cliff',
    vestingDuration: 'vesting.duration',
    interval: 'vesting.interval',
  };
  const error = (key: string) =>
    apiError(apiName[key] ?? key) ??
    (tried || (key === 'token' && form.token !== '') || (key === 'budget' && form.budget !== '')
      ? problems[key]
      : undefined);
  const field = (key: keyof typeof form, label: string, hint?: string, type?: string) => (
    <Field
      label={label}
      value={form[key]}
      onChange={set(key)}
      hint={hint}
      error={error(key)}
      type={type}
      inputMode={type === undefined ? 'decimal' : undefined}
    />
  );
  const seconds = (text: string) => (/^\d+$/.test(text) ? `= ${duration(Number(text))}` : undefined);

  if (dao.loading && d === undefined) return <Loading what="the DAO" />;
  if (dao.error !== undefined) return <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />;
  if (d === undefined) return null;
  const admin =
    connection !== undefined && d.admins.some((address) => sameAddress(address, connection.account));

  return (
    <section aria-labelledby="new-round-title">
      <DaoNav slug={slug} />
      <h1 id="new-round-title">{d.name}: new reward round</h1>
      {connection !== undefined && !admin && (
        <p className="error" role="alert">
          Only the DAO’s admins create rounds; the connected account is not one of them.
        </p>
      )}
      <form onSubmit={(event) => event.preventDefault()}>
        <Field label="Name" value={form.name} onChange={set('name')} error={error('name')} />
        <Field
          label="Payout token address"
          value={form.token}
          onChange={set('token')}
          hint={
            token === undefined
              ? 'An ERC-20 the DAO’s Safe holds.'
              : `${token.symbol}, ${token.decimals} decimals`
          }
          error={error('token')}
          autoComplete="off"
          spellCheck={false}
        />
        {field(
          'budget',
          `Budget (${token?.symbol ?? 'token units'})`,
          'In the token’s units, such as 1,000.5.',
        )}
        <fieldset>
          <legend>Phases (your local time)</legend>
          {field('openAt', 'Submissions open', undefined, 'datetime-local')}
          {field('closeAt', 'Submissions close', undefined, 'datetime-local')}
          {field(
            'reviewDeadline',
            'Review deadline',
            'Reviews close and the round is finalized.',
            'datetime-local',
          )}
        </fieldset>
        <fieldset aria-describedby="pools-help">
          <legend>Pools by kind of work (basis points of the contributors’ share)</legend>
          <p id="pools-help" className="muted">
            Shares sum to 10000 (now {poolTotal}). A floor is the part of a pool kept for its kind even when
            its scores are low.
          </p>
          <table className="tally">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Share</th>
                <th scope="col">Floor</th>
              </tr>
            </thead>
            <tbody>
              {poolRows.map((row) => (
                <tr key={row.kind}>
                  <td>{kindName(row.kind)}</td>
                  {(['share', 'floor'] as const).map((part) => (
                    <td key={part}>
                      <input
                        className="bps"
                        inputMode="numeric"
                        aria-label={`${part === 'share' ? 'Share' : 'Floor'} of ${kindName(row.kind)}`}
                        value={row[part]}
                        onChange={(event) =>
                          setPools({
                            ...pools,
                            [row.kind]: { ...pools[row.kind], [part]: event.target.value },
                          })
                        }
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {error('pools') !== undefined && <small className="error">{error('pools')}</small>}
        </fieldset>
        <fieldset>
          <legend>Allocation</legend>
          <div className="stack">
            <label>
              Scoring engine{' '}
              <select value={form.engine} onChange={(event) => set('engine')(event.target.value)}>
                <option value="YUMA">Yuma Consensus</option>
                <option value="MEAN">Stake-weighted mean</option>
                <option value="MEDIAN">Stake-weighted median</option>
              </select>
            </label>
          </div>
          {field('reviewerShareBps', 'Reviewers’ share (basis points of the budget)')}
          {field(
            'contributorCapBps',
            'Per-contributor cap (basis points of the contributors’ pool, 0 for none)',
          )}
          {field(
            'minPayout',
            `Minimum payout (${token?.symbol ?? 'token units'})`,
            'Smaller allocations are redistributed.',
          )}
          {field('minReviews', 'Minimum reviews per attestation')}
          {field('acceptanceScore', 'Acceptance score (0 to 100)')}
          {field('snapshotBlock', 'Snapshot block (reviewer stake; 0 for the latest)')}
        </fieldset>
        <fieldset>
          <legend>Vesting (seconds; all 0 pays at once)</legend>
          {field('cliff', 'Cliff', seconds(form.cliff))}
          {field('vestingDuration', 'Duration', seconds(form.vestingDuration))}
          {field('interval', 'Interval', seconds(form.interval))}
        </fieldset>
        <SignStep
          chainId={d.chainId}
          action="Sign and create the round"
          summary={
            token !== undefined && problems.budget === undefined && problems.closeAt === undefined
              ? `a round “${form.name}” of ${d.slug} with a budget of ${formatTokenValue(parseTokenAmount(form.budget, token.decimals), token)}, submissions from ${localDateTime(times.openAt)} to ${localDateTime(times.closeAt)}, reviews until ${localDateTime(times.reviewDeadline)}.`
              : 'the new round, once the form is complete.'
          }
          validate={() => {
            setTried(true);
            const [key, problem] = Object.entries(problems).find(([, value]) => value !== undefined) ?? [];
            return problem === undefined ? undefined : `${key}: ${problem}`;
          }}
          sign={() =>
            capture(async () => {
              if (token === undefined) return;
              const signer = new GuildhallSigner(await typedDataSigner(), d.chainId);
              const signed = await signer.createRound({
                dao: d.slug,
                name: form.name,
                token: asAddress(form.token),
                budget: parseTokenAmount(form.budget, token.decimals),
                submissionsOpenAt: times.openAt,
                submissionsCloseAt: times.closeAt,
                reviewDeadline: times.reviewDeadline,
                snapshotBlock: BigInt(form.snapshotBlock.trim()),
                engine: form.engine,
                reviewerShareBps: Number(form.reviewerShareBps),
                pools: poolRows
                  .filter((row) => Number(row.share) > 0)
                  .map((row) => ({
                    kind: row.kind,
                    shareBps: Number(row.share),
                    floorBps: Number(row.floor),
                  })),
                contributorCapBps: Number(form.contributorCapBps),
                minPayout: parseTokenAmount(form.minPayout, token.decimals),
                vesting: {
                  cliff: Number(form.cliff),
                  duration: Number(form.vestingDuration),
                  interval: Number(form.interval),
                },
                minReviews: Number(form.minReviews),
                acceptanceScore: Number(form.acceptanceScore),
              });
              await client.request(CreateRoundDocument, signed);
              navigate(`/dao/${encodeURIComponent(d.slug)}/rounds`);
            })
          }
        />
      </form>
    </section>
  );
}
