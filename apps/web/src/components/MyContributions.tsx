import {
  AllocationsDocument,
  AttestationsDocument,
  DaoDocument,
  RoundDocument,
  SafeTransactionsDocument,
  TokenDocument,
  type AllocationsQuery,
} from '@guildhall/sdk';
import { formatTokenValue } from '@guildhall/core';
import { useQuery } from '../api.js';
import { KIND_LABELS, STATUS_LABELS } from '../contributions.js';
import { Link } from '../router.js';
import { CopyButton, ErrorNote, Loading, TxHash, When } from './common.js';
import { sameAddress } from '../format.js';

type Allocation = AllocationsQuery['allocations'][number];

/** The connected account's attestations with their review status, and its allocations per finalized round. */
export function MyContributions({ slug, account }: { slug: string; account: `0x${string}` }) {
  const attestations = useQuery(AttestationsDocument, { dao: slug, contributor: account, first: 50 });
  const allocations = useQuery(AllocationsDocument, { dao: slug, contributor: account });
  const dao = useQuery(DaoDocument, { slug });
  const rounds = [...new Set(allocations.data?.allocations.map((allocation) => allocation.roundId))];
  const nodes = attestations.data?.attestations.nodes;

  return (
    <>
      <h3>My attestations</h3>
      {attestations.loading && <Loading what="your attestations" />}
      {attestations.error !== undefined && (
        <ErrorNote message={`${attestations.error.code}: ${attestations.error.message}`} />
      )}
      {nodes?.length === 0 && <p>No attestation yet: submit your first one above.</p>}
      <ul className="cards">
        {nodes?.map((attestation) => (
          <li key={attestation.id} className="card" data-testid={`my-attestation-${attestation.id}`}>
            <h4>
              <Link href={`/dao/${encodeURIComponent(slug)}/attestation/${attestation.id}`}>
                {attestation.title}
              </Link>
            </h4>
            <p className="muted">
              {KIND_LABELS[attestation.kind]} ·{' '}
              <span className="state">{STATUS_LABELS[attestation.status]}</span> · {attestation.reviewCount}{' '}
              of {attestation.minReviews} reviews
              {attestation.consensusScore !== null && ` · consensus score ${attestation.consensusScore}`}
              {attestation.reviewDeadline !== null && (
                <>
                  {' '}
                  · reviews close <When iso={attestation.reviewDeadline} />
                </>
              )}
            </p>
          </li>
        ))}
      </ul>

      <h3>My allocations</h3>
      {allocations.loading && <Loading what="your allocations" />}
      {allocations.error !== undefined && (
        <ErrorNote message={`${allocations.error.code}: ${allocations.error.message}`} />
      )}
      {allocations.data?.allocations.length === 0 && (
        <p>No allocation yet: a round allocates its budget when it is finalized.</p>
      )}
      {rounds.map((roundId) => (
        <RoundAllocations
          key={roundId}
          slug={slug}
          account={account}
          roundId={roundId}
          chainId={dao.data?.dao.chainId}
          governanceToken={dao.data?.dao.governanceToken}
          allocations={
            allocations.data?.allocations.filter((allocation) => allocation.roundId === roundId) ?? []
          }
        />
      ))}
    </>
  );
}

function RoundAllocations({
  slug,
  account,
  roundId,
  chainId,
  governanceToken,
  allocations,
}: {
  slug: string;
  account: `0x${string}`;
  roundId: string;
  chainId: number | undefined;
  governanceToken: `0x${string}` | undefined;
  allocations: readonly Allocation[];
}) {
  const round = useQuery(RoundDocument, { id: roundId, first: 1 });
  const payouts = useQuery(SafeTransactionsDocument, { dao: slug, first: 50 });
  const governance = useQuery(
    TokenDocument,
    { address: governanceToken ?? '0x' },
    governanceToken === undefined,
  ).data?.token;
  const r = round.data?.round;
  if (round.error !== undefined) return <ErrorNote message={`${round.error.code}: ${round.error.message}`} />;
  if (r === undefined) return <Loading what="the round" />;
  const amount = (value: string) => formatTokenValue(BigInt(value), r.tokenInfo);
  const votes = (value: string) =>
    governance === undefined ? `${value} (base units)` : formatTokenValue(BigInt(value), governance);
  const tranches = r.tranches.filter((tranche) => sameAddress(tranche.recipient, account));
  const safeTxs = payouts.data?.safeTransactions.nodes.filter(
    (tx) => tx.origin.kind === 'PAYOUT' && tx.origin.round === roundId,
  );

  return (
    <article className="card" aria-label={`Allocation in ${r.name}`} data-testid={`allocation-${roundId}`}>
      <h4>
        {r.name} <span className="state">{r.state.toLowerCase()}</span>
      </h4>
      {allocations.map((allocation) => (
        <div key={allocation.pool}>
          <p>
            <strong data-testid="allocation-amount">{amount(allocation.amount)}</strong> from the{' '}
            {allocation.pool === 'REVIEWERS'
              ? 'reviewers’ pool'
              : `${KIND_LABELS[allocation.pool as keyof typeof KIND_LABELS] ?? allocation.pool} pool`}
          </p>
          <Explanation explanation={allocation.explanation} amount={amount} votes={votes} />
        </div>
      ))}
      <h5>Vesting tranches</h5>
      {tranches.length === 0 ? (
        <p>No tranche: nothing to pay.</p>
      ) : (
        <table className="tally">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Amount</th>
              <th scope="col">Unlocks</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tranches.map((tranche) => (
              <tr key={tranche.id} data-testid="tranche">
                <td>{tranche.seq}</td>
                <td>{amount(tranche.amount)}</td>
                <td>
                  <When iso={tranche.unlockAt} />
                </td>
                <td>
                  {tranche.status.toLowerCase()}
                  {tranche.txHash !== null && (
                    <>
                      {' '}
                      in <TxHash chainId={chainId} hash={tranche.txHash} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {safeTxs !== undefined && safeTxs.length > 0 && (
        <>
          <h5>Payout transactions</h5>
          <ul>
            {safeTxs.map((tx) => (
              <li key={tx.safeTxHash}>
                Safe transaction <code className="hash">{tx.safeTxHash}</code>{' '}
                <CopyButton value={tx.safeTxHash} what="Safe transaction hash" /> ·{' '}
                {tx.status.toLowerCase().replace('_', ' ')}
                {tx.executionTxHash !== null && (
                  <>
                    {' '}
                    · executed in <TxHash chainId={chainId} hash={tx.executionTxHash} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

interface ExplanationShape {
  poolAmount?: string;
  plainShare?: string;
  outcome?: { rule?: string };
  details?: {
    engine?: string;
    consensus?: number;
    incentive?: number;
    stake?: string;
    attestations?: Array<{ id: string; bps: number; scores: Array<{ reviewer: string; score: number }> }>;
    pools?: Array<{ kind: string; trust: number; dividends: number }>;
  };
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)} %`;

/** The API's explanation of one allocation: which attestations and scores, consensus and share, the step applied. */
function Explanation({
  explanation,
  amount,
  votes,
}: {
  explanation: unknown;
  amount: (value: string) => string;
  votes: (value: string) => string;
}) {
  const e = (typeof explanation === 'object' && explanation !== null ? explanation : {}) as ExplanationShape;
  const details = e.details ?? {};
  return (
    <details>
      <summary>How this was computed</summary>
      <ul className="explanation">
        {e.poolAmount !== undefined && <li>The pool shared {amount(e.poolAmount)}.</li>}
        {details.engine !== undefined && <li>Scoring engine: {details.engine.toLowerCase()}.</li>}
        {details.attestations?.map((attestation) => (
          <li key={attestation.id}>
            Attestation {attestation.id} ({attestation.bps.toLocaleString()} bps yours): scores{' '}
            {attestation.scores.map((score) => score.score).join(', ') || 'none'}
          </li>
        ))}
        {details.consensus !== undefined && <li>Consensus: {percent(details.consensus)}.</li>}
        {details.incentive !== undefined && <li>Your share of the pool: {percent(details.incentive)}.</li>}
        {details.stake !== undefined && <li>Your stake as a reviewer: {votes(details.stake)}.</li>}
        {details.pools?.map((pool) => (
          <li key={pool.kind}>
            {KIND_LABELS[pool.kind as keyof typeof KIND_LABELS] ?? pool.kind}: trust {percent(pool.trust)},
            dividends {percent(pool.dividends)}
          </li>
        ))}
        {e.plainShare !== undefined && <li>Pro rata share: {amount(e.plainShare)}.</li>}
        {e.outcome?.rule !== undefined && (
          <li>Settled by: {e.outcome.rule.toLowerCase().replaceAll('_', ' ')}.</li>
        )}
      </ul>
    </details>
  );
}
