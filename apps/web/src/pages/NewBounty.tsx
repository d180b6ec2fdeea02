import { formatTokenValue, parseTokenAmount } from '@guildhall/core';
import {
  CreateBountyDocument,
  DaoWithSettingsDocument,
  GuildhallSigner,
  RoundsDocument,
  TreasuryDocument,
} from '@guildhall/sdk';
import { useState } from 'react';
import { client, useQuery } from '../api.js';
import { kindLabel } from '../bounties.js';
import { ErrorNote, Loading } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { SignStep } from '../components/SignStep.js';
import { KINDS } from '../contributions.js';
import {
  addressListProblem,
  addressProblem,
  amountProblem,
  asAddress,
  asAddressList,
  Field,
  integerProblem,
  useApiFieldError,
  useToken,
} from '../forms.js';
import { duration, localDateTime, localInput, sameAddress } from '../format.js';
import { navigate } from '../router.js';
import { useWallet } from '../wallet/wallet.js';

const DAY = 86_400_000;
/** The API's bounds (docs/bounties.md). */
const MAX_CLAIMANTS = 100;
const MAX_REVIEWERS = 50;
const MAX_CLAIM_TTL = 365 * 86_400;
/** The token select's choice for an address typed by hand. */
const OTHER = 'other';

/** Where the API's refusals land: its INVALID_BOUNTY names the field; the funds check is the amount's. */
const ERRORS = { byCode: { INSUFFICIENT_TREASURY_FUNDS: 'amount', NOT_AN_ERC20: 'token' } };

/** What the Safe has left for a new reward, from INSUFFICIENT_TREASURY_FUNDS's details. */
function coverable(error: unknown): bigint | undefined {
  const { code, details } = error as { code?: unknown; details?: Record<string, unknown> };
  if (code !== 'INSUFFICIENT_TREASURY_FUNDS') return undefined;
  const { balance, owed } = details ?? {};
  if (typeof balance !== 'string' || typeof owed !== 'string') return undefined;
  const left = BigInt(balance) - BigInt(owed);
  return left > 0n ? left : 0n;
}

/** An admin posts a bounty: its reward is reserved on the DAO's Safe until it is paid or cancelled. */
export default function NewBounty({ slug }: { slug: string }) {
  const { connection, typedDataSigner } = useWallet();
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const rounds = useQuery(RoundsDocument, { dao: slug, first: 50 });
  const d = dao.data?.dao;
  const known = [
    ...new Set([
      ...(d === undefined ? [] : [d.governanceToken]),
      ...(rounds.data?.rounds.nodes.map((round) => round.token) ?? []),
    ]),
  ];
  const treasury = useQuery(
    TreasuryDocument,
    { dao: slug, tokens: known },
    d === undefined || rounds.data === undefined,
  );
  const balances = treasury.data?.treasury.balances ?? [];
  const [now] = useState(() => new Date());
  const [form, setForm] = useState({
    title: '',
    description: '',
    choice: '',
    address: '',
    amount: '',
    deadline: localInput(new Date(now.getTime() + 14 * DAY)),
    maxClaimants: '1',
    claimTtl: String(7 * 86_400),
    teamAllowed: false,
    kind: '',
    minReviews: '1',
    acceptanceScore: '50',
    reviewers: '',
  });
  const [tried, setTried] = useState(false);
  const [cover, setCover] = useState<{ amount: bigint; snapshot: string }>();
  const { capture, apiError } = useApiFieldError(form, ERRORS);
  const choice = form.choice === '' ? (balances[0]?.token ?? OTHER) : form.choice;
  const tokenText = choice === OTHER ? form.address : choice;
  const reward = useToken(tokenText);
  const token = reward.token;
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const deadline = new Date(form.deadline);
  const reviewerCount = asAddressListSafe(form.reviewers).length;
  const problems: Record<string, string | undefined> = {
    title: form.title.trim() === '' || form.title.length > 200 ? '1 to 200 characters.' : undefined,
    description: form.description.length > 10_000 ? 'At most 10,000 characters.' : undefined,
    token:
      addressProblem(tokenText) ??
      (reward.error === undefined ? undefined : `${reward.error.code}: ${reward.error.message}`),
    amount:
      amountProblem(form.amount, token) ??
      (token !== undefined && parseTokenAmount(form.amount, token.decimals) === 0n
        ? 'Above zero.'
        : undefined),
    deadline: Number.isNaN(deadline.getTime())
      ? 'A date and time.'
      : deadline.getTime() <= Date.now()
        ? 'In the future.'
        : undefined,
    maxClaimants: integerProblem(form.maxClaimants, 1, MAX_CLAIMANTS),
    claimTtl: integerProblem(form.claimTtl, 1, MAX_CLAIM_TTL),
    minReviews:
      integerProblem(form.minReviews, 0, MAX_REVIEWERS) ??
      (reviewerCount > 0 && Number(form.minReviews) > reviewerCount
        ? 'At most the number of reviewers named below.'
        : undefined),
    acceptanceScore: integerProblem(form.acceptanceScore, 0, 100),
    reviewers:
      form.reviewers.trim() === ''
        ? undefined
        : addressListProblem(form.reviewers, { min: 1, max: MAX_REVIEWERS }),
  };
  const snapshot = JSON.stringify(form);
  const error = (key: string) => {
    const api = apiError(key);
    if (api !== undefined)
      return key === 'amount' && token !== undefined && cover?.snapshot === snapshot
        ? `${api} The Safe can cover at most ${formatTokenValue(cover.amount, token)} more.`
        : api;
    return tried || (key === 'token' && tokenText !== '') || (key === 'amount' && form.amount !== '')
      ? problems[key]
      : undefined;
  };
  const field = (key: keyof typeof form, label: string, hint?: string, type?: string) => (
    <Field
      label={label}
      value={String(form[key])}
      onChange={set(key)}
      hint={hint}
      error={error(key)}
      type={type}
      inputMode={type === undefined ? 'numeric' : undefined}
    />
  );

  if (dao.loading && d === undefined) return <Loading what="the DAO" />;
  if (dao.error !== undefined) return <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />;
  if (d === undefined) return null;
  const admin =
    connection !== undefined && d.admins.some((address) => sameAddress(address, connection.account));

  return (
    <section aria-labelledby="new-bounty-title">
      <DaoNav slug={slug} />
      <h1 id="new-bounty-title">{d.name}: post a bounty</h1>
      {connection !== undefined && !admin && (
        <p className="error" role="alert">
          Only the DAO’s admins post bounties; the connected account is not one of them.
        </p>
      )}
      <form onSubmit={(event) => event.preventDefault()}>
        <Field label="Title" value={form.title} onChange={set('title')} error={error('title')} />
        <Field
          label="Description"
          value={form.description}
          onChange={set('description')}
          error={error('description')}
          multiline
        />
        <fieldset>
          <legend>Reward</legend>
          <div className="stack">
            <label>
              Token{' '}
              <select value={choice} onChange={(event) => set('choice')(event.target.value)}>
                {balances.map((balance) => (
                  <option key={balance.token} value={balance.token}>
                    {balance.symbol} (the Safe holds {formatTokenValue(BigInt(balance.balance), balance)})
                  </option>
                ))}
                <option value={OTHER}>Another token (its address)</option>
              </select>
            </label>
          </div>
          {choice === OTHER && (
            <Field
              label="Token address"
              value={form.address}
              onChange={set('address')}
              hint={
                token === undefined
                  ? 'An ERC-20 the DAO’s Safe holds.'
                  : `${token.symbol}, ${token.decimals} decimals`
              }
              error={error('token')}
              autoComplete="off"
              spellCheck={false}
            />
          )}
          <Field
            label={`Amount (${token?.symbol ?? 'token units'})`}
            value={form.amount}
            onChange={set('amount')}
            hint="In the token’s units, such as 250.5. Reserved on the Safe while the bounty is open."
            error={error('amount')}
            inputMode="decimal"
          />
        </fieldset>
        <fieldset>
          <legend>Claims</legend>
          {field(
            'deadline',
            'Deadline (your local time)',
            'Claims and work are taken until then.',
            'datetime-local',
          )}
          {field('maxClaimants', 'Claimants at once (1 to 100)')}
          {field(
            'claimTtl',
            'Claim lifetime (seconds)',
            /^\d+$/.test(form.claimTtl)
              ? `= ${duration(Number(form.claimTtl))}: a claim without delivered work expires then.`
              : undefined,
          )}
          <label className="inline">
            <input
              type="checkbox"
              checked={form.teamAllowed}
              onChange={(event) => setForm({ ...form, teamAllowed: event.target.checked })}
            />{' '}
            A team may share it (the work may credit co-contributors; the reward is split by their shares)
          </label>
          <div className="stack">
            <label>
              Kind of work{' '}
              <select value={form.kind} onChange={(event) => set('kind')(event.target.value)}>
                <option value="">Any</option>
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kindLabel(kind)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>Review</legend>
          {field('minReviews', 'Minimum reviews (0: an admin’s word is enough)')}
          {field('acceptanceScore', 'Acceptance score (0 to 100, the median needed)')}
          <Field
            label="Reviewers (optional, one address per line)"
            value={form.reviewers}
            onChange={set('reviewers')}
            hint="Empty: the DAO’s reviewers review it."
            error={error('reviewers')}
            multiline
          />
        </fieldset>
        <SignStep
          chainId={d.chainId}
          action="Sign and post the bounty"
          summary={
            token !== undefined && problems.amount === undefined && problems.deadline === undefined
              ? `a bounty “${form.title}” of ${d.slug} paying ${formatTokenValue(parseTokenAmount(form.amount, token.decimals), token)}, open until ${localDateTime(deadline)}.`
              : 'the new bounty, once the form is complete.'
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
              const signed = await signer.createBounty({
                dao: d.slug,
                title: form.title,
                description: form.description,
                token: asAddress(tokenText),
                amount: parseTokenAmount(form.amount, token.decimals),
                kind: form.kind,
                deadline,
                maxClaimants: Number(form.maxClaimants),
                claimTtl: Number(form.claimTtl),
                teamAllowed: form.teamAllowed,
                minReviews: Number(form.minReviews),
                acceptanceScore: Number(form.acceptanceScore),
                reviewers: asAddressListSafe(form.reviewers),
              });
              try {
                const { createBounty } = await client.request(CreateBountyDocument, signed);
                navigate(`/dao/${encodeURIComponent(d.slug)}/bounty/${createBounty.id}`);
              } catch (failure) {
                const amount = coverable(failure);
                setCover(amount === undefined ? undefined : { amount, snapshot });
                throw failure;
              }
            })
          }
        />
      </form>
    </section>
  );
}

/** The reviewers typed, or none while the list has a problem (the form refuses it then). */
const asAddressListSafe = (text: string) =>
  text.trim() === '' || addressListProblem(text, { min: 1, max: MAX_REVIEWERS }) !== undefined
    ? []
    : asAddressList(text);
