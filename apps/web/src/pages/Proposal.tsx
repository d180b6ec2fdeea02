import {
  CastVoteDocument,
  DaoWithSettingsDocument,
  GuildhallSigner,
  ProposalDocument,
  ProposalTransfersDocument,
  TokenDocument,
  VoteCastDocument,
  VotingPowerDocument,
  type ProposalTallyFieldsFragment,
} from '@guildhall/sdk';
import { formatTokenAmount, formatTokenValue } from '@guildhall/core';
import { useEffect, useState } from 'react';
import { client, useQuery } from '../api.js';
import { AddressText, ErrorNote, Loading, When } from '../components/common.js';
import { SignStep } from '../components/SignStep.js';
import { relativeTime, sameAddress } from '../format.js';
import { Link } from '../router.js';
import { useWallet } from '../wallet/wallet.js';
import { Ballot, type BallotValue } from './Ballot.js';

const BASIC = ['For', 'Against', 'Abstain'];
const grouped = (value: string): string => formatTokenAmount(BigInt(value), 0);

export default function ProposalPage({ slug, id }: { slug: string; id: string }) {
  const { connection, typedDataSigner } = useWallet();
  const proposal = useQuery(ProposalDocument, { id, first: 100 });
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const p = proposal.data?.proposal;
  const transfers = useQuery(ProposalTransfersDocument, { id });
  const governanceToken = dao.data?.dao.governanceToken;
  const token = useQuery(TokenDocument, { address: governanceToken ?? '0x' }, governanceToken === undefined)
    .data?.token;
  /** Voting power (the governance token's base units) in the token's units when it could be described. */
  const votes = (value: string): string =>
    token === undefined ? `${grouped(value)} (base units)` : formatTokenValue(BigInt(value), token);
  const power = useQuery(
    VotingPowerDocument,
    { dao: slug, address: connection?.account ?? '0x', blockNumber: p?.snapshotBlock },
    connection === undefined || p === undefined,
  );
  const [tally, setTally] = useState<ProposalTallyFieldsFragment>();
  const [ballot, setBallot] = useState<BallotValue>({ invalid: 'Make your choice first.' });
  const [reason, setReason] = useState('');
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // The live tally: every vote cast on this proposal, as it is counted.
  useEffect(() => {
    const events = client.subscribe(VoteCastDocument, { proposalId: id });
    void (async () => {
      for await (const event of events) setTally(event.voteCast);
    })().catch(() => undefined);
    return () => void events.return?.();
  }, [id]);

  if (proposal.loading && p === undefined) return <Loading what="the proposal" />;
  if (proposal.error !== undefined)
    return <ErrorNote message={`${proposal.error.code}: ${proposal.error.message}`} />;
  if (p === undefined) return null;

  const current = tally ?? p;
  const labels = p.voteType === 'BASIC' ? BASIC : p.choices;
  const chainId = dao.data?.dao.chainId;
  const end = new Date(p.endAt);
  const mine = p.votes.nodes.find((vote) => sameAddress(vote.voter, connection?.account));
  const canVote = p.state === 'ACTIVE' && (mine === undefined || p.allowVoteChange);

  return (
    <article aria-labelledby="proposal-title">
      <p>
        <Link href={`/dao/${encodeURIComponent(slug)}`}>← Proposals</Link>
      </p>
      <h1 id="proposal-title">{p.title}</h1>
      <p className="muted">
        <span className={`state state-${p.state.toLowerCase()}`}>{p.state.toLowerCase()}</span> ·{' '}
        {p.voteType.toLowerCase().replace('_', ' ')} · by <AddressText address={p.author} />
      </p>
      <dl className="facts">
        <dt>Voting</dt>
        <dd>
          <When iso={p.startAt} /> to <When iso={p.endAt} />
        </dd>
        <dt>Snapshot block</dt>
        <dd>{p.snapshotBlock}</dd>
        <dt>Quorum</dt>
        <dd>{votes(p.quorum)}</dd>
      </dl>
      {p.body !== '' && <p className="body">{p.body}</p>}
      {p.discussion !== '' && (
        <p>
          Discussion: <a href={p.discussion}>{p.discussion}</a>
        </p>
      )}

      {p.actions.length > 0 && (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Actions if it passes</h2>
          <ol>
            {p.actions.map((action, i) => {
              const transfer = transfers.data?.proposal.actions[i]?.transfer;
              return (
                <li key={i}>
                  {transfer ? (
                    <>
                      Transfer {formatTokenValue(BigInt(transfer.amount), transfer.token)} to{' '}
                      <AddressText address={transfer.to} />
                    </>
                  ) : (
                    action.description
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <section aria-labelledby="tally-title">
        <h2 id="tally-title">Results</h2>
        <p>
          {current.voteCount} vote{current.voteCount === 1 ? '' : 's'} ·{' '}
          {current.tally.quorumReached ? 'quorum reached' : 'quorum not reached'} ·{' '}
          {end.getTime() > now ? `ends ${relativeTime(end, now)}` : `ended ${relativeTime(end, now)}`}
        </p>
        <table className="tally">
          <thead>
            <tr>
              <th scope="col">Choice</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={i} data-testid={`score-${i + 1}`}>
                <td>
                  {label}
                  {current.tally.winningChoice === i + 1 ? ' (leading)' : ''}
                </td>
                <td>{votes(current.tally.scores[i] ?? '0')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="vote-title">
        <h2 id="vote-title">Your vote</h2>
        {connection !== undefined && (
          <p>
            Your voting power at block {p.snapshotBlock}:{' '}
            {power.data === undefined ? (
              '…'
            ) : (
              <strong data-testid="voting-power">{votes(power.data.votingPower)}</strong>
            )}
          </p>
        )}
        {mine !== undefined && (
          <p>
            You voted {mine.choice}
            {p.allowVoteChange
              ? '; this DAO lets you change your vote.'
              : '; this DAO does not allow vote changes.'}
          </p>
        )}
        {!canVote && p.state !== 'ACTIVE' && (
          <p>Voting is {p.state === 'PENDING' ? 'not open yet' : 'closed'}.</p>
        )}
        {canVote && chainId !== undefined && (
          <form onSubmit={(event) => event.preventDefault()}>
            <Ballot type={p.voteType} choices={p.choices} onChange={setBallot} />
            <label className="stack">
              Reason (optional)
              <textarea value={reason} maxLength={1000} onChange={(event) => setReason(event.target.value)} />
            </label>
            <SignStep
              chainId={chainId}
              action={mine === undefined ? 'Sign vote' : 'Sign changed vote'}
              summary={
                'invalid' in ballot
                  ? 'your vote, once the ballot is complete.'
                  : `a vote on “${p.title}” in ${slug}: ${ballot.words}${reason === '' ? '' : `, with the reason “${reason}”`}.`
              }
              validate={() => ('invalid' in ballot ? ballot.invalid : undefined)}
              sign={async () => {
                if ('invalid' in ballot) return;
                // A changed vote counts only when signed after the one it replaces (timestamps are seconds).
                const after = mine === undefined ? 0n : BigInt(Date.parse(mine.signedAt) / 1000) + 1n;
                const now = () => {
                  const seconds = BigInt(Math.floor(Date.now() / 1000));
                  return seconds > after ? seconds : after;
                };
                const signer = new GuildhallSigner(await typedDataSigner(), chainId, now);
                const signed = await signer.castVote({
                  dao: slug,
                  proposal: id,
                  choice: ballot.choice,
                  reason,
                });
                const result = await client.request(CastVoteDocument, signed);
                setTally(result.castVote);
                proposal.reload();
              }}
            />
          </form>
        )}
      </section>
    </article>
  );
}
