import { formatTokenValue } from '@guildhall/core';
import { BountiesDocument, DaoWithSettingsDocument, type BountyState } from '@guildhall/sdk';
import { useState } from 'react';
import { useQuery } from '../api.js';
import { ErrorNote, Loading, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { Pager, useCursorPages } from '../components/Pager.js';
import { HOLDS_PLACE, kindLabel, STATE_LABELS } from '../bounties.js';
import { Link } from '../router.js';
import { useWallet } from '../wallet/wallet.js';
import { sameAddress } from '../format.js';

const PAGE = 20;
/** The board's filters: open bounties first, the ones that take claims. */
const FILTERS: ReadonlyArray<BountyState | ''> = ['OPEN', 'ACCEPTED', 'PAYING', 'PAID', 'CANCELLED', ''];

/** The DAO's bounty board: open bounties by default, by state, newest first, by pages. */
export default function Bounties({ slug }: { slug: string }) {
  const { connection } = useWallet();
  const pages = useCursorPages();
  const [state, setState] = useState<BountyState | ''>('OPEN');
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const bounties = useQuery(BountiesDocument, {
    dao: slug,
    first: PAGE,
    ...(state === '' ? {} : { state }),
    ...(pages.after === undefined ? {} : { after: pages.after }),
  });
  const d = dao.data?.dao;
  const admin =
    d !== undefined &&
    connection !== undefined &&
    d.admins.some((address) => sameAddress(address, connection.account));
  const page = bounties.data?.bounties;
  const base = `/dao/${encodeURIComponent(slug)}`;

  return (
    <section aria-labelledby="bounties-title">
      <DaoNav slug={slug} />
      <h1 id="bounties-title">{d?.name ?? slug}: bounties</h1>
      <p>
        A bounty pays one piece of work from the DAO’s Safe as soon as an admin accepts it. Claim one, deliver
        an attestation of your work, and its reviewers score it.
      </p>
      <p>
        <Link href={`${base}/bounties/new`}>Post a bounty</Link>
        {!admin && <span className="muted"> (admins only)</span>}
      </p>
      <label className="inline">
        State{' '}
        <select
          value={state}
          onChange={(event) => {
            setState(event.target.value as BountyState | '');
            pages.reset();
          }}
        >
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {value === '' ? 'All' : STATE_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      {dao.error !== undefined && <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />}
      {bounties.loading && <Loading what="bounties" />}
      {bounties.error !== undefined && (
        <ErrorNote message={`${bounties.error.code}: ${bounties.error.message}`} />
      )}
      {page?.nodes.length === 0 && <p>No bounty {state === '' ? 'yet' : 'in this state'}.</p>}
      <ul className="cards">
        {page?.nodes.map((bounty) => {
          const taken = bounty.claims.filter((claim) => HOLDS_PLACE.has(claim.state)).length;
          const titleId = `bounty-${bounty.id}`;
          return (
            <li key={bounty.id} className="card" aria-labelledby={titleId} data-testid="bounty">
              <h2 id={titleId}>
                <Link href={`${base}/bounty/${bounty.id}`}>{bounty.title}</Link>
              </h2>
              <p className="muted">
                <span className={`state state-${bounty.state.toLowerCase()}`}>
                  {STATE_LABELS[bounty.state]}
                </span>
                {bounty.kind !== null && (
                  <>
                    {' '}
                    · <span className="tag">{kindLabel(bounty.kind)}</span>
                  </>
                )}
                {bounty.teamAllowed && ' · a team may share it'}
              </p>
              <dl className="facts">
                <dt>Reward</dt>
                <dd data-testid="bounty-reward">
                  {formatTokenValue(BigInt(bounty.amount), bounty.tokenInfo)}
                </dd>
                <dt>Deadline</dt>
                <dd>
                  <When iso={bounty.deadline} />
                </dd>
                <dt>Claims</dt>
                <dd>
                  {taken} of {bounty.maxClaimants} taken
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
      <Pager pages={pages} pageInfo={page?.pageInfo} label="Bounty pages" />
    </section>
  );
}
