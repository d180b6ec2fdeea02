import {
  AttestationDocument,
  CosignAttestationDocument,
  DaoDocument,
  GuildhallSigner,
  OpenDisputeDocument,
  WithdrawAttestationDocument,
  type AttestationQuery,
  type DisputeTargetKind,
} from '@guildhall/sdk';
import { DISPUTE_EVIDENCE_URI_PATTERN } from '@guildhall/core';
import { useState } from 'react';
import { client, useQuery } from '../api.js';
import { AddressText, ErrorNote, EvidenceItem, Loading, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { SignStep } from '../components/SignStep.js';
import { KIND_LABELS, STATUS_LABELS } from '../contributions.js';
import { sameAddress, shortAddress } from '../format.js';
import { useWallet } from '../wallet/wallet.js';

type Attestation = AttestationQuery['attestation'];

const WITHDRAWABLE = new Set(['PENDING_COSIGN', 'SUBMITTED', 'IN_REVIEW']);
const NOT_DISPUTABLE = new Set(['PENDING_COSIGN', 'WITHDRAWN']);

/** An attestation: its status, review status, credit and co-signatures, reviews and disputes. */
export default function AttestationPage({ slug, id }: { slug: string; id: string }) {
  const { connection, typedDataSigner } = useWallet();
  const attestation = useQuery(AttestationDocument, { id });
  const dao = useQuery(DaoDocument, { slug });
  const a = attestation.data?.attestation;
  const chainId = dao.data?.dao.chainId;
  const me = connection?.account;

  if (attestation.loading && a === undefined) return <Loading what="the attestation" />;
  if (attestation.error !== undefined)
    return <ErrorNote message={`${attestation.error.code}: ${attestation.error.message}`} />;
  if (a === undefined) return null;

  const myCredit = a.coContributors.find((credit) => sameAddress(credit.contributor, me));
  const canCosign = myCredit !== undefined && myCredit.cosignedAt === null && a.status === 'PENDING_COSIGN';
  const reviewClosed = a.reviewDeadline !== null && Date.parse(a.reviewDeadline) <= Date.now();
  const canWithdraw = sameAddress(a.contributor, me) && WITHDRAWABLE.has(a.status) && !reviewClosed;

  return (
    <article aria-labelledby="attestation-title">
      <DaoNav slug={slug} />
      <h1 id="attestation-title">{a.title}</h1>
      <p className="muted">
        <span className="state" data-testid="attestation-status">
          {STATUS_LABELS[a.status]}
        </span>{' '}
        · {KIND_LABELS[a.kind]} · {a.model.name}@{a.model.version}
        {a.model.base !== '' && ` (from ${a.model.base})`} · by <AddressText address={a.contributor} />
      </p>
      <dl className="facts">
        <dt>Submitted</dt>
        <dd>
          <When iso={a.createdAt} />
        </dd>
        <dt>Review</dt>
        <dd data-testid="review-status">
          {a.reviewCount} of {a.minReviews} reviews needed · accepted at a consensus score of{' '}
          {a.acceptanceScore} or more
          {a.consensusScore !== null && ` · consensus score ${a.consensusScore}`}
        </dd>
        {a.status === 'PENDING_COSIGN' && (
          <>
            <dt>Co-signatures due</dt>
            <dd>
              <When iso={a.cosignDeadline} />
            </dd>
          </>
        )}
        {a.reviewOpensAt !== null && (
          <>
            <dt>Review phase</dt>
            <dd>
              <When iso={a.reviewOpensAt} />
              {a.reviewDeadline !== null && (
                <>
                  {' '}
                  to <When iso={a.reviewDeadline} />
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {a.summary !== '' && <p className="body">{a.summary}</p>}

      <h2>Evidence</h2>
      <ul>
        {a.evidence.map((entry) => (
          <EvidenceItem key={entry.sha256} entry={entry} />
        ))}
      </ul>
      {a.metrics.length > 0 && (
        <>
          <h2>Metrics</h2>
          <dl className="facts">
            {a.metrics.map((metric) => (
              <div key={metric.name} className="contents">
                <dt>{metric.name}</dt>
                <dd>{metric.text}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {a.references.length > 0 && <p>Builds on attestations {a.references.join(', ')}.</p>}

      <section aria-labelledby="credit-title">
        <h2 id="credit-title">Credit and co-signatures</h2>
        <table className="tally">
          <thead>
            <tr>
              <th scope="col">Contributor</th>
              <th scope="col">Share</th>
              <th scope="col">Co-signed</th>
            </tr>
          </thead>
          <tbody>
            {a.coContributors.map((credit) => (
              <tr key={credit.contributor} data-testid={`credit-${credit.contributor}`}>
                <td>
                  <AddressText address={credit.contributor} />
                </td>
                <td>{credit.bps.toLocaleString()} bps</td>
                <td>{credit.cosignedAt === null ? 'not yet' : <When iso={credit.cosignedAt} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {canCosign && chainId !== undefined && (
          <SignStep
            chainId={chainId}
            action="Co-sign attestation"
            summary={`your co-signature of “${a.title}” in ${slug}: you confirm your share of ${myCredit.bps.toLocaleString()} bps.`}
            validate={() => undefined}
            sign={async () => {
              const signer = new GuildhallSigner(await typedDataSigner(), chainId);
              await client.request(
                CosignAttestationDocument,
                await signer.cosignAttestation({ dao: slug, attestation: a.id }),
              );
              attestation.reload();
            }}
          />
        )}
      </section>

      {canWithdraw && chainId !== undefined && (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">Withdraw</h2>
          <p>
            Withdrawing takes the attestation out of review and frees its evidence for another submission.
          </p>
          <SignStep
            chainId={chainId}
            action="Withdraw attestation"
            summary={`the withdrawal of your attestation “${a.title}” in ${slug}.`}
            validate={() => undefined}
            sign={async () => {
              const signer = new GuildhallSigner(await typedDataSigner(), chainId);
              await client.request(
                WithdrawAttestationDocument,
                await signer.withdrawAttestation({ dao: slug, attestation: a.id }),
              );
              attestation.reload();
            }}
          />
        </section>
      )}

      <section aria-labelledby="reviews-title">
        <h2 id="reviews-title">Reviews</h2>
        {!a.reviewsVisible && (
          <p>Reviews are blind: scores and comments stay hidden until the review phase closes.</p>
        )}
        {a.reviews.length === 0 ? (
          <p>No review yet.</p>
        ) : (
          <ul>
            {a.reviews.map((review) => (
              <li key={review.id}>
                <AddressText address={review.reviewer} />{' '}
                {review.score === null ? 'reviewed' : `scored ${review.score}`}
                {review.voided && ' (voided by a dispute)'}
                {review.comment !== null && review.comment !== '' && `: “${review.comment}”`}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Disputes slug={slug} attestation={a} chainId={chainId} reload={attestation.reload} />
    </article>
  );
}

function Disputes({
  slug,
  attestation: a,
  chainId,
  reload,
}: {
  slug: string;
  attestation: Attestation;
  chainId: number | undefined;
  reload: () => void;
}) {
  const { connection, typedDataSigner } = useWallet();
  const targets: ReadonlyArray<{ value: string; kind: DisputeTargetKind; label: string }> = [
    ...(NOT_DISPUTABLE.has(a.status)
      ? []
      : [{ value: a.id, kind: 'ATTESTATION' as const, label: 'This attestation' }]),
    ...a.reviews.map((review) => ({
      value: review.id,
      kind: 'REVIEW' as const,
      label: `The review by ${shortAddress(review.reviewer)}`,
    })),
  ];
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const chosen = targets.find((entry) => entry.value === target) ?? targets[0];
  const uris = evidence.split(/\s+/).filter((uri) => uri !== '');

  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">Disputes</h2>
      {a.disputes.length === 0 ? (
        <p>No dispute.</p>
      ) : (
        <ul>
          {a.disputes.map((dispute) => (
            <li key={dispute.id}>
              <span className="state">{dispute.status.toLowerCase()}</span> on the{' '}
              {dispute.targetKind === 'REVIEW' ? 'review' : 'attestation'} by{' '}
              <AddressText address={dispute.disputer} />, <When iso={dispute.createdAt} />: “{dispute.reason}”
              {dispute.resolution !== null && ` · resolution: ${dispute.resolution}`}
            </li>
          ))}
        </ul>
      )}
      {connection !== undefined && chainId !== undefined && chosen !== undefined && (
        <form onSubmit={(event) => event.preventDefault()}>
          <h3>Open a dispute</h3>
          <label className="stack">
            What you dispute
            <select value={chosen.value} onChange={(event) => setTarget(event.target.value)}>
              {targets.map((entry) => (
                <option key={entry.value} value={entry.value}>
                  {entry.label}
                </option>
              ))}
            </select>
          </label>
          <label className="stack">
            Reason
            <textarea value={reason} maxLength={5_000} onChange={(event) => setReason(event.target.value)} />
          </label>
          <label className="stack">
            Evidence URIs (optional; https://, ipfs:// or ar://, separated by spaces)
            <input value={evidence} onChange={(event) => setEvidence(event.target.value)} />
          </label>
          <SignStep
            chainId={chainId}
            action="Sign dispute"
            summary={`a dispute of ${chosen.label.toLowerCase()} on “${a.title}” in ${slug}${reason === '' ? '' : `: “${reason}”`}.`}
            validate={() => {
              if (reason.trim() === '') return 'Say why you dispute it.';
              if (uris.some((uri) => !DISPUTE_EVIDENCE_URI_PATTERN.test(uri)))
                return 'Evidence: https://, ipfs:// or ar:// URIs only.';
              return undefined;
            }}
            sign={async () => {
              const signer = new GuildhallSigner(await typedDataSigner(), chainId);
              await client.request(
                OpenDisputeDocument,
                await signer.openDispute({
                  dao: slug,
                  targetKind: chosen.kind,
                  target: chosen.value,
                  reason,
                  evidence: uris,
                }),
              );
              setReason('');
              setEvidence('');
              reload();
            }}
          />
        </form>
      )}
    </section>
  );
}
