import {
  CancelRoundDocument,
  DaoWithSettingsDocument,
  FinalizeRoundDocument,
  GuildhallSigner,
  ProposeRoundPayoutsDocument,
  RoundsDocument,
  type ProposeRoundPayoutsMutation,
  type RoundFieldsFragment,
} from '@guildhall/sdk';
import { formatTokenAmount, formatTokenValue } from '@guildhall/core';
import { useState } from 'react';
import { asApiError, client, useQuery } from '../api.js';
import { AddressText, CopyButton, ErrorNote, Loading, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { Pager, useCursorPages } from '../components/Pager.js';
import { SignStep } from '../components/SignStep.js';
import { Field, useToken } from '../forms.js';
import { Link } from '../router.js';
import { useWallet } from '../wallet/wallet.js';
import { sameAddress } from '../format.js';

const PAGE = 20;
const CANCELABLE = new Set(['DRAFT', 'OPEN', 'REVIEWING']);
const PAYABLE = new Set(['FINALIZED', 'PAYING']);

export default function Rounds({ slug }: { slug: string }) {
  const { connection } = useWallet();
  const pages = useCursorPages();
  const after = pages.after;
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const rounds = useQuery(RoundsDocument, {
    dao: slug,
    first: PAGE,
    ...(after === undefined ? {} : { after }),
  });
  const d = dao.data?.dao;
  const admin =
    d !== undefined &&
    connection !== undefined &&
    d.admins.some((address) => sameAddress(address, connection.account));
  const page = rounds.data?.rounds;

  return (
    <section aria-labelledby="rounds-title">
      <DaoNav slug={slug} />
      <h1 id="rounds-title">{d?.name ?? slug}: reward rounds</h1>
      <p>
        <Link href={`/dao/${encodeURIComponent(slug)}/rounds/new`}>Create a round</Link>
        {!admin && <span className="muted"> (admins only)</span>}
      </p>
      {dao.error !== undefined && <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />}
      {rounds.loading && <Loading what="rounds" />}
      {rounds.error !== undefined && <ErrorNote message={`${rounds.error.code}: ${rounds.error.message}`} />}
      {page?.nodes.length === 0 && <p>No round yet.</p>}
      <ul className="cards">
        {page?.nodes.map((round) => (
          <RoundCard
            key={round.id}
            round={round}
            admin={admin}
            chainId={d?.chainId}
            changed={rounds.reload}
          />
        ))}
      </ul>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}

function RoundCard({
  round,
  admin,
  chainId,
  changed,
}: {
  round: RoundFieldsFragment;
  admin: boolean;
  chainId: number | undefined;
  changed: () => void;
}) {
  const { token } = useToken(round.token);
  const amount = (value: string) =>
    token === undefined
      ? `${formatTokenAmount(BigInt(value), 0)} base units`
      : formatTokenValue(BigInt(value), token);
  const titleId = `round-${round.id}`;
  return (
    <li className="card" aria-labelledby={titleId} data-testid="round">
      <h2 id={titleId}>{round.name}</h2>
      <p className="muted">
        <span className={`state state-${round.state.toLowerCase()}`}>{round.state.toLowerCase()}</span> ·{' '}
        {round.engine.toLowerCase()} · token <AddressText address={round.token} label={token?.symbol} />
      </p>
      <dl className="facts">
        <dt>Budget</dt>
        <dd data-testid="round-budget">{amount(round.budget)}</dd>
        <dt>Submissions</dt>
        <dd>
          <When iso={round.submissionsOpenAt} /> to <When iso={round.submissionsCloseAt} />
        </dd>
        <dt>Review deadline</dt>
        <dd>
          <When iso={round.reviewDeadline} />
        </dd>
        <dt>Pools</dt>
        <dd>
          {round.pools
            .map((pool) => `${pool.kind.toLowerCase().replace('_', ' ')} ${pool.shareBps / 100}%`)
            .join(', ')}
        </dd>
        {round.allocated !== null && (
          <>
            <dt>Allocated</dt>
            <dd>
              {amount(round.allocated)}
              {round.unallocated !== null && round.unallocated !== '0'
                ? ` (unallocated ${amount(round.unallocated)})`
                : ''}
            </dd>
          </>
        )}
      </dl>
      {admin && chainId !== undefined && <RoundActions round={round} chainId={chainId} changed={changed} />}
    </li>
  );
}

function RoundActions({
  round,
  chainId,
  changed,
}: {
  round: RoundFieldsFragment;
  chainId: number;
  changed: () => void;
}) {
  const { typedDataSigner } = useWallet();
  const [reason, setReason] = useState('');
  const due = Date.now() >= Date.parse(round.reviewDeadline);
  const signer = async () => new GuildhallSigner(await typedDataSigner(), chainId);
  return (
    <div className="round-actions">
      {round.state === 'REVIEWING' && (
        <details>
          <summary>Finalize</summary>
          {due ? (
            <SignStep
              chainId={chainId}
              action="Sign and finalize"
              summary={`finalizing the round “${round.name}”: its scores become allocations, frozen.`}
              validate={() => undefined}
              sign={async () => {
                await client.request(
                  FinalizeRoundDocument,
                  await (await signer()).finalizeRound({ dao: round.dao, round: round.id }),
                );
                changed();
              }}
            />
          ) : (
            <p>
              The worker finalizes it at the review deadline (<When iso={round.reviewDeadline} />
              ); an admin can only finalize after it.
            </p>
          )}
        </details>
      )}
      {CANCELABLE.has(round.state) && (
        <details>
          <summary>Cancel</summary>
          <Field label={`Why cancel “${round.name}”?`} value={reason} onChange={setReason} />
          <SignStep
            chainId={chainId}
            action="Sign and cancel"
            summary={`canceling the round “${round.name}” because “${reason}”. Nothing of it is paid.`}
            validate={() => (reason.trim() === '' ? 'Say why the round is canceled.' : undefined)}
            sign={async () => {
              await client.request(
                CancelRoundDocument,
                await (await signer()).cancelRound({ dao: round.dao, round: round.id, reason }),
              );
              changed();
            }}
          />
        </details>
      )}
      {PAYABLE.has(round.state) && <ProposePayouts round={round} />}
    </div>
  );
}

/**
 * proposeRoundPayouts needs no signature: the Safe's owners then confirm the transactions. A round
 * with nothing due is the API's NOTHING_TO_PAY, shown with its code.
 */
function ProposePayouts({ round }: { round: RoundFieldsFragment }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProposeRoundPayoutsMutation['proposeRoundPayouts']>();
  const [error, setError] = useState<string>();
  const propose = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult((await client.request(ProposeRoundPayoutsDocument, { round: round.id })).proposeRoundPayouts);
    } catch (failure) {
      const api = asApiError(failure);
      setError(`${api.code}: ${api.message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => void propose()}>
        Propose the payouts to the Safe
      </button>
      {error !== undefined && <ErrorNote message={error} />}
      {result !== undefined && (
        <div role="status">
          <p>Proposed to the Safe; its owners confirm each transaction:</p>
          <ul>
            {result.map((tx) => (
              <li key={tx.safeTxHash}>
                Safe transaction #{tx.nonce} ({tx.status.toLowerCase()}), {tx.safeTxHash.slice(0, 10)}…{' '}
                <CopyButton value={tx.safeTxHash} what="Safe transaction hash" />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
