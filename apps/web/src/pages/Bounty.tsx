import { formatTokenValue } from '@guildhall/core';
import {
  AcceptBountyWorkDocument,
  AttestationDocument,
  AttestationsDocument,
  BountyDocument,
  CancelBountyDocument,
  ClaimBountyDocument,
  DaoWithSettingsDocument,
  GuildhallSigner,
  RejectBountyWorkDocument,
  ReviewBountyWorkDocument,
  ReviewSettingsDocument,
  SubmitBountyWorkDocument,
  type BountyFieldsFragment,
} from '@guildhall/sdk';
import { useEffect, useState } from 'react';
import { client, useQuery } from '../api.js';
import { CLAIM_LABELS, HOLDS_PLACE, kindLabel, PAYOUT_LABELS, STATE_LABELS } from '../bounties.js';
import { AddressText, ErrorNote, Loading, TxHash, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { SignStep } from '../components/SignStep.js';
import { parseScore, STATUS_LABELS } from '../contributions.js';
import { Field } from '../forms.js';
import { duration, sameAddress } from '../format.js';
import { useHandles } from '../handles.js';
import { Link } from '../router.js';
import { useWallet } from '../wallet/wallet.js';

type Bounty = BountyFieldsFragment;
type Claim = Bounty['claims'][number];
type Address = `0x${string}`;

/** While the payout is on its way, the page reads the bounty again this often. */
const FOLLOW_MS = 3_000;
/** An attestation that may be delivered (docs/bounties.md: neither withdrawn nor rejected). */
const DELIVERABLE = new Set(['PENDING_COSIGN', 'SUBMITTED', 'IN_REVIEW', 'ACCEPTED', 'DISPUTED']);

/** One bounty: its terms, its claims, what the connected account may do, and once accepted its payouts. */
export default function BountyPage({ slug, id }: { slug: string; id: string }) {
  const { connection } = useWallet();
  const bounty = useQuery(BountyDocument, { id });
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const settings = useQuery(ReviewSettingsDocument, { dao: slug });
  const b = bounty.data?.bounty;
  const { reload } = bounty;

  // The payout moves on its own (the worker proposes it, the owners execute it): follow it.
  const following = b?.state === 'ACCEPTED' || b?.state === 'PAYING';
  useEffect(() => {
    if (!following) return;
    const timer = setInterval(reload, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [following, reload]);

  const me = connection?.account;
  const d = dao.data?.dao;
  const admin = d?.admins.some((address) => sameAddress(address, me)) === true;
  const reviewers =
    b === undefined ? [] : b.reviewers.length > 0 ? b.reviewers : (settings.data?.reviewers ?? []);
  const reviewer = reviewers.some((address) => sameAddress(address, me));
  const error = bounty.error ?? dao.error;

  return (
    <section aria-labelledby="bounty-title">
      <DaoNav slug={slug} />
      {error !== undefined && <ErrorNote message={`${error.code}: ${error.message}`} />}
      {b === undefined ? (
        error === undefined && <Loading what="the bounty" />
      ) : (
        <>
          <h1 id="bounty-title">{b.title}</h1>
          <p className="muted">
            <span className={`state state-${b.state.toLowerCase()}`} data-testid="bounty-state">
              {STATE_LABELS[b.state]}
            </span>{' '}
            · posted by <AddressText address={b.createdBy} /> <When iso={b.createdAt} />
          </p>
          {b.description !== '' && <p className="body">{b.description}</p>}
          {b.cancelReason !== null && <p className="note">Cancelled: “{b.cancelReason}”.</p>}
          <Terms bounty={b} reviewers={reviewers} />
          {d !== undefined && me !== undefined && (
            <Contributor bounty={b} me={me} chainId={d.chainId} changed={reload} />
          )}
          {connection === undefined && b.state === 'OPEN' && (
            <p className="note">Connect a wallet to claim this bounty, review its work or decide on it.</p>
          )}
          <section aria-labelledby="claims-title">
            <h2 id="claims-title">Claims</h2>
            {b.claims.length === 0 && <p>No claim yet.</p>}
            <ul className="cards">
              {b.claims.map((claim) => (
                <ClaimCard
                  key={claim.id}
                  bounty={b}
                  claim={claim}
                  me={me}
                  chainId={d?.chainId}
                  admin={admin}
                  reviewer={reviewer}
                  changed={reload}
                />
              ))}
            </ul>
          </section>
          {b.payouts.length > 0 && <Payouts bounty={b} chainId={d?.chainId} />}
          {admin && b.state === 'OPEN' && d !== undefined && (
            <Cancel bounty={b} chainId={d.chainId} changed={reload} />
          )}
        </>
      )}
    </section>
  );
}

function Terms({ bounty: b, reviewers }: { bounty: Bounty; reviewers: readonly string[] }) {
  const taken = b.claims.filter((claim) => HOLDS_PLACE.has(claim.state)).length;
  return (
    <dl className="facts" aria-label="Terms">
      <dt>Reward</dt>
      <dd data-testid="bounty-reward">
        {formatTokenValue(BigInt(b.amount), b.tokenInfo)} <AddressText address={b.token} label="token" />
      </dd>
      <dt>Deadline</dt>
      <dd>
        <When iso={b.deadline} />
      </dd>
      <dt>Kind of work</dt>
      <dd>{b.kind === null ? 'Any' : kindLabel(b.kind)}</dd>
      <dt>Claims</dt>
      <dd>
        {taken} of {b.maxClaimants} taken; a claim lasts {duration(b.claimTtl)} without delivered work
      </dd>
      <dt>Team</dt>
      <dd>
        {b.teamAllowed
          ? 'The work may credit co-contributors: the reward is split by their shares.'
          : 'One contributor: the work may credit nobody else.'}
      </dd>
      <dt>Acceptance</dt>
      <dd>
        {b.minReviews === 0
          ? 'An admin’s word is enough.'
          : `At least ${b.minReviews} review${b.minReviews === 1 ? '' : 's'} with a median score of ${b.acceptanceScore} or more, then an admin accepts.`}
      </dd>
      <dt>Reviewers</dt>
      <dd>
        {b.reviewers.length === 0 && <span className="muted">The DAO’s reviewers: </span>}
        <ul className="plain">
          {reviewers.map((address) => (
            <li key={address}>
              <AddressText address={address} />
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

/** The connected account as a contributor: claim, then deliver one of its attestations. */
function Contributor({
  bounty: b,
  me,
  chainId,
  changed,
}: {
  bounty: Bounty;
  me: Address;
  chainId: number;
  changed: () => void;
}) {
  const { typedDataSigner } = useWallet();
  const mine = b.claims.filter((claim) => sameAddress(claim.claimant, me));
  const open = mine.find((claim) => HOLDS_PLACE.has(claim.state));
  const latest = mine.at(-1);
  const signer = async () => new GuildhallSigner(await typedDataSigner(), chainId);
  return (
    <section aria-labelledby="my-claim-title" className="card">
      <h2 id="my-claim-title">Your claim</h2>
      {latest === undefined ? (
        <p>You have not claimed this bounty.</p>
      ) : (
        <p data-testid="my-claim-state">
          Your claim: {CLAIM_LABELS[latest.state]}
          {latest.state === 'ACTIVE' && (
            <>
              {' '}
              (deliver before <When iso={latest.expiresAt} />)
            </>
          )}
          .
        </p>
      )}
      {b.state === 'OPEN' && open === undefined && (
        <SignStep
          chainId={chainId}
          action="Claim this bounty"
          summary={`a claim on “${b.title}”: you have ${duration(b.claimTtl)} to deliver your work.`}
          validate={() => undefined}
          sign={async () => {
            await client.request(
              ClaimBountyDocument,
              await (await signer()).claimBounty({ dao: b.dao, bounty: b.id }),
            );
            changed();
          }}
        />
      )}
      {b.state === 'OPEN' && open?.state === 'ACTIVE' && (
        <Deliver bounty={b} me={me} chainId={chainId} changed={changed} />
      )}
    </section>
  );
}

/** Picks one of the claimant's attestations outside any round, or points to the contribute page. */
function Deliver({
  bounty: b,
  me,
  chainId,
  changed,
}: {
  bounty: Bounty;
  me: Address;
  chainId: number;
  changed: () => void;
}) {
  const { typedDataSigner } = useWallet();
  const attestations = useQuery(AttestationsDocument, { dao: b.dao, contributor: me, first: 100 });
  const [chosen, setChosen] = useState('');
  const eligible = attestations.data?.attestations.nodes.filter(
    (attestation) =>
      attestation.roundId === null &&
      sameAddress(attestation.contributor, me) &&
      DELIVERABLE.has(attestation.status) &&
      (b.kind === null || attestation.kind === b.kind) &&
      (b.teamAllowed || attestation.coContributors.length === 0),
  );
  const picked = eligible?.find((attestation) => attestation.id === chosen) ?? eligible?.[0];
  const contribute = `/dao/${encodeURIComponent(b.dao)}/contribute`;
  if (attestations.error !== undefined)
    return <ErrorNote message={`${attestations.error.code}: ${attestations.error.message}`} />;
  if (eligible === undefined) return <Loading what="your attestations" />;
  return (
    <div>
      <h3>Deliver your work</h3>
      <p>
        Your work is an attestation of yours outside any round
        {b.kind === null ? '' : `, of the kind ${kindLabel(b.kind)}`}
        {b.teamAllowed ? '' : ', crediting nobody else'}.{' '}
        <Link href={contribute}>Make one on the Contribute page</Link> (round: none), then come back.
      </p>
      {eligible.length === 0 ? (
        <p>None of your attestations fits yet.</p>
      ) : (
        <>
          <label className="stack">
            Attestation to deliver
            <select value={picked?.id ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {eligible.map((attestation) => (
                <option key={attestation.id} value={attestation.id}>
                  {attestation.title} ({STATUS_LABELS[attestation.status]})
                </option>
              ))}
            </select>
          </label>
          <SignStep
            chainId={chainId}
            action="Deliver this work"
            summary={`your attestation “${picked?.title ?? ''}” as the work for the bounty “${b.title}”.`}
            validate={() => (picked === undefined ? 'Choose an attestation.' : undefined)}
            sign={async () => {
              if (picked === undefined) return;
              const signer = new GuildhallSigner(await typedDataSigner(), chainId);
              await client.request(
                SubmitBountyWorkDocument,
                await signer.submitBountyWork({ dao: b.dao, bounty: b.id, attestation: picked.id }),
              );
              changed();
            }}
          />
        </>
      )}
    </div>
  );
}

function ClaimCard({
  bounty: b,
  claim,
  me,
  chainId,
  admin,
  reviewer,
  changed,
}: {
  bounty: Bounty;
  claim: Claim;
  me: Address | undefined;
  chainId: number | undefined;
  admin: boolean;
  reviewer: boolean;
  changed: () => void;
}) {
  const submitted = claim.state === 'SUBMITTED';
  const attestation = useQuery(
    AttestationDocument,
    { id: claim.attestationId ?? '' },
    claim.attestationId === null,
  );
  const a = attestation.data?.attestation;
  const credited =
    sameAddress(claim.claimant, me) ||
    a?.coContributors.some((credit) => sameAddress(credit.contributor, me)) === true;
  const reviewed = claim.reviews.some((review) => sameAddress(review.reviewer, me));
  const decided = claim.state === 'ACCEPTED' || claim.state === 'REJECTED';
  return (
    <li className="card" aria-label={`Claim by ${claim.claimant}`} data-testid="claim">
      <p>
        <AddressText address={claim.claimant} /> ·{' '}
        <span className={`state state-${claim.state.toLowerCase()}`}>{CLAIM_LABELS[claim.state]}</span>
        {claim.state === 'ACTIVE' && (
          <>
            {' '}
            · expires <When iso={claim.expiresAt} />
          </>
        )}
      </p>
      {claim.attestationId !== null && (
        <p>
          Work:{' '}
          <Link href={`/dao/${encodeURIComponent(b.dao)}/attestation/${claim.attestationId}`}>
            {a?.title ?? `attestation ${claim.attestationId}`}
          </Link>
          {claim.submittedAt !== null && (
            <>
              , delivered <When iso={claim.submittedAt} />
            </>
          )}
          {a !== undefined && a.coContributors.length > 0 && (
            <>
              {' '}
              · co-signed by {a.coContributors.filter((credit) => credit.cosignedAt !== null).length} of{' '}
              {a.coContributors.length} co-contributors
            </>
          )}
        </p>
      )}
      {claim.rejectReason !== null && <p>Rejected: “{claim.rejectReason}”.</p>}
      {claim.attestationId !== null && (
        <div role="region" aria-label={`Reviews of the claim by ${claim.claimant}`}>
          <p data-testid="claim-reviews">
            {claim.reviewCount} of {b.minReviews} reviews
            {!decided && claim.reviewCount > 0 && ': scores stay hidden until the work is decided'}
          </p>
          <ul>
            {claim.reviews.map((review) => (
              <li key={review.reviewer}>
                <AddressText address={review.reviewer} /> <When iso={review.createdAt} />
                {review.score !== null && ` · scored ${review.score}`}
                {review.comment !== null && review.comment !== '' && ` · “${review.comment}”`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {submitted && b.state === 'OPEN' && chainId !== undefined && reviewer && !credited && !reviewed && (
        <ReviewForm bounty={b} claim={claim} title={a?.title} chainId={chainId} changed={changed} />
      )}
      {submitted && b.state === 'OPEN' && chainId !== undefined && admin && (
        <Decide
          bounty={b}
          claim={claim}
          missingCosignatures={a?.coContributors.filter((credit) => credit.cosignedAt === null).length ?? 0}
          chainId={chainId}
          changed={changed}
        />
      )}
    </li>
  );
}

function ReviewForm({
  bounty: b,
  claim,
  title,
  chainId,
  changed,
}: {
  bounty: Bounty;
  claim: Claim;
  title: string | undefined;
  chainId: number;
  changed: () => void;
}) {
  const { typedDataSigner } = useWallet();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const parsed = parseScore(score);
  const work = title ?? `the work of ${claim.claimant}`;
  return (
    <form className="stack" aria-label={`Review of ${work}`} onSubmit={(event) => event.preventDefault()}>
      <Field
        label={`Score for “${work}” (0 to 100)`}
        value={score}
        onChange={setScore}
        inputMode="numeric"
        hint="A whole number: 0 for no value, 100 for outstanding work. Blind: nobody sees it until the work is decided."
      />
      <Field label={`Comment for “${work}” (optional)`} value={comment} onChange={setComment} multiline />
      <SignStep
        chainId={chainId}
        action="Sign review"
        summary={
          parsed === undefined
            ? 'your review, once the score is a whole number from 0 to 100.'
            : `a score of ${parsed} for “${work}” (bounty “${b.title}”)${comment === '' ? '' : `, with the comment “${comment}”`}.`
        }
        validate={() => (parsed === undefined ? 'The score is a whole number from 0 to 100.' : undefined)}
        sign={async () => {
          if (parsed === undefined) return;
          const signer = new GuildhallSigner(await typedDataSigner(), chainId);
          await client.request(
            ReviewBountyWorkDocument,
            await signer.reviewBountyWork({ dao: b.dao, claim: claim.id, score: parsed, comment }),
          );
          changed();
        }}
      />
    </form>
  );
}

/**
 * An admin's decision. Accepting is offered once the claim has its reviews and co-signatures; the
 * median stays blind until then, so a score below the bar is the API's SCORE_TOO_LOW.
 */
function Decide({
  bounty: b,
  claim,
  missingCosignatures,
  chainId,
  changed,
}: {
  bounty: Bounty;
  claim: Claim;
  missingCosignatures: number;
  chainId: number;
  changed: () => void;
}) {
  const { typedDataSigner } = useWallet();
  const [reason, setReason] = useState('');
  const signer = async () => new GuildhallSigner(await typedDataSigner(), chainId);
  const waiting =
    claim.reviewCount < b.minReviews
      ? `Accepting needs ${b.minReviews} reviews; it has ${claim.reviewCount}.`
      : missingCosignatures > 0
        ? `Accepting needs every co-signature; ${missingCosignatures} missing.`
        : undefined;
  return (
    <div role="region" aria-label={`Decide on the claim by ${claim.claimant}`}>
      <h3>Decide</h3>
      {waiting === undefined ? (
        <SignStep
          chainId={chainId}
          action="Accept this work"
          summary={`accepting this work for “${b.title}”: ${formatTokenValue(BigInt(b.amount), b.tokenInfo)} become due to its contributors from the Safe.`}
          validate={() => undefined}
          sign={async () => {
            await client.request(
              AcceptBountyWorkDocument,
              await (await signer()).acceptBountyWork({ dao: b.dao, claim: claim.id }),
            );
            changed();
          }}
        />
      ) : (
        <>
          <button type="button" className="primary" disabled aria-describedby={`waiting-${claim.id}`}>
            Accept this work
          </button>
          <p id={`waiting-${claim.id}`} className="muted">
            {waiting}
          </p>
        </>
      )}
      <details>
        <summary>Reject</summary>
        <Field label="Why reject this work?" value={reason} onChange={setReason} />
        <SignStep
          chainId={chainId}
          action="Reject this work"
          summary={`rejecting this work for “${b.title}” because “${reason}”: its claimant may claim again.`}
          validate={() => (reason.trim() === '' ? 'Say why the work is rejected.' : undefined)}
          sign={async () => {
            await client.request(
              RejectBountyWorkDocument,
              await (await signer()).rejectBountyWork({ dao: b.dao, claim: claim.id, reason }),
            );
            changed();
          }}
        />
      </details>
    </div>
  );
}

function Cancel({ bounty: b, chainId, changed }: { bounty: Bounty; chainId: number; changed: () => void }) {
  const { typedDataSigner } = useWallet();
  const [reason, setReason] = useState('');
  return (
    <details className="card">
      <summary>Cancel the bounty</summary>
      <Field label={`Why cancel “${b.title}”? (optional)`} value={reason} onChange={setReason} />
      <SignStep
        chainId={chainId}
        action="Sign and cancel the bounty"
        summary={`cancelling “${b.title}”${reason === '' ? '' : ` because “${reason}”`}: its reward is released and its open claims closed.`}
        validate={() => undefined}
        sign={async () => {
          const signer = new GuildhallSigner(await typedDataSigner(), chainId);
          await client.request(
            CancelBountyDocument,
            await signer.cancelBounty({ dao: b.dao, bounty: b.id, reason }),
          );
          changed();
        }}
      />
    </details>
  );
}

function Payouts({ bounty: b, chainId }: { bounty: Bounty; chainId: number | undefined }) {
  const handles = useHandles(
    b.dao,
    b.payouts.map((payout) => payout.payee),
  );
  return (
    <section aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payouts</h2>
      <p className="muted">
        Paid from the DAO’s Safe: its owners confirm the transaction on the{' '}
        <Link href={`/dao/${encodeURIComponent(b.dao)}/treasury`}>Treasury</Link> page.
      </p>
      <table className="tally payouts">
        <thead>
          <tr>
            <th scope="col">Payee</th>
            <th scope="col">Handle</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">Transaction</th>
          </tr>
        </thead>
        <tbody>
          {b.payouts.map((payout) => (
            <tr key={payout.payee} data-testid="bounty-payout">
              <td>
                <AddressText address={payout.payee} />
              </td>
              <td>{handles.get(payout.payee.toLowerCase()) ?? '—'}</td>
              <td>{formatTokenValue(BigInt(payout.amount), b.tokenInfo)}</td>
              <td data-testid="payout-status">{PAYOUT_LABELS[payout.status]}</td>
              <td>{payout.txHash === null ? '—' : <TxHash chainId={chainId} hash={payout.txHash} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
