import { DaoDocument, ProposalsDocument, type ProposalState } from '@guildhall/sdk';
import { useState } from 'react';
import { useQuery } from '../api.js';
import { Pager, useCursorPages } from '../components/Pager.js';
import { ErrorNote, Loading, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { Link } from '../router.js';

const STATES: readonly ProposalState[] = [
  'ACTIVE',
  'PENDING',
  'SUCCEEDED',
  'DEFEATED',
  'QUEUED',
  'EXECUTED',
  'FAILED',
  'EXPIRED',
  'CANCELED',
];
const PAGE = 20;

export function Proposals({ slug }: { slug: string }) {
  const [state, setState] = useState<ProposalState | ''>('');
  const pages = useCursorPages();
  const after = pages.after;
  const dao = useQuery(DaoDocument, { slug });
  const { data, error, loading } = useQuery(ProposalsDocument, {
    dao: slug,
    first: PAGE,
    ...(state === '' ? {} : { state }),
    ...(after === undefined ? {} : { after }),
  });
  const page = data?.proposals;

  return (
    <section aria-labelledby="proposals-title">
      <DaoNav slug={slug} />
      <h1 id="proposals-title">{dao.data?.dao.name ?? slug}: proposals</h1>
      {dao.error !== undefined && <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />}
      <p>
        <Link href={`/dao/${encodeURIComponent(slug)}/proposals/new`}>New proposal</Link>
      </p>
      <label>
        State{' '}
        <select
          value={state}
          onChange={(event) => {
            setState(event.target.value as ProposalState | '');
            pages.reset();
          }}
        >
          <option value="">All</option>
          {STATES.map((value) => (
            <option key={value} value={value}>
              {value.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {loading && <Loading what="proposals" />}
      {error !== undefined && <ErrorNote message={`${error.code}: ${error.message}`} />}
      {page?.nodes.length === 0 && (
        <p>No proposal{state === '' ? '' : ` in state ${state.toLowerCase()}`}.</p>
      )}
      <ul className="cards">
        {page?.nodes.map((proposal) => (
          <li key={proposal.id} className="card">
            <h2>
              <Link href={`/dao/${encodeURIComponent(slug)}/proposal/${proposal.id}`}>{proposal.title}</Link>
            </h2>
            <p className="muted">
              <span className={`state state-${proposal.state.toLowerCase()}`}>
                {proposal.state.toLowerCase()}
              </span>{' '}
              · {proposal.voteType.toLowerCase().replace('_', ' ')} · {proposal.voteCount} vote
              {proposal.voteCount === 1 ? '' : 's'} · ends <When iso={proposal.endAt} />
            </p>
          </li>
        ))}
      </ul>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
