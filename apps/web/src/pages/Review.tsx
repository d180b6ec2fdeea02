import {
  AttestationDisputesDocument,
  AttestationsDocument,
  DaoDocument,
  GuildhallSigner,
  ReviewsDocument,
  ReviewSettingsDocument,
  RoundsDocument,
  SubmitReviewDocument,
  type AttestationFieldsFragment,
  type RoundsQuery,
} from '@guildhall/sdk';
import { useState } from 'react';
import { client, useQuery } from '../api.js';
import { AddressText, ErrorNote, EvidenceItem, Loading, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { SignStep } from '../components/SignStep.js';
import { KIND_LABELS, parseScore, STATUS_LABELS } from '../contributions.js';
import { Link } from '../router.js';
import { useWallet } from '../wallet/wallet.js';
import { sameAddress } from '../format.js';

type Round = RoundsQuery['rounds']['nodes'][number];

/** What the API takes reviews on (SUBMITTED too: the worker may not have moved it yet). */
const REVIEWABLE = new Set(['SUBMITTED', 'IN_REVIEW', 'DISPUTED']);

/** The reviewer's page: what awaits my review in the rounds in their review phase, blind, and open disputes. */
export default function Review({ slug }: { slug: string }) {
  const { connection } = useWallet();
  const dao = useQuery(DaoDocument, { slug });
  const settings = useQuery(ReviewSettingsDocument, { dao: slug });
  const rounds = useQuery(RoundsDocument, { dao: slug, state: 'REVIEWING', first: 20 });
  const me = connection?.account;
  const isReviewer =
    me !== undefined && settings.data?.reviewers.some((reviewer) => sameAddress(reviewer, me));
  const chainId = dao.data?.dao.chainId;
  const list = rounds.data?.rounds.nodes;

  return (
    <section aria-labelledby="review-title">
      <DaoNav slug={slug} />
      <h1 id="review-title">{dao.data?.dao.name ?? slug}: review</h1>
      {dao.error !== undefined && <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />}
      <p>
        Reviews are blind: nobody sees another reviewer’s score until the round’s review phase closes. Score
        each piece of work from 0 to 100; your stake is your voting power at the round’s snapshot.
      </p>
      {connection === undefined && <p>Connect a wallet to see what awaits your review.</p>}
      {settings.error !== undefined && (
        <ErrorNote message={`${settings.error.code}: ${settings.error.message}`} />
      )}
      {me !== undefined && settings.data !== undefined && !isReviewer && (
        <p>
          <AddressText address={me} /> is not a reviewer of this DAO: its admins choose the reviewers.
        </p>
      )}
      {rounds.loading && <Loading what="rounds in review" />}
      {rounds.error !== undefined && <ErrorNote message={`${rounds.error.code}: ${rounds.error.message}`} />}
      {list?.length === 0 && <p>No round is in its review phase.</p>}
      {list?.map((round) => (
        <section key={round.id} aria-label={`Round ${round.name}`} className="round">
          <h2>{round.name}</h2>
          <p className="muted">
            Review phase until <When iso={round.reviewDeadline} />
          </p>
          {isReviewer === true && me !== undefined && chainId !== undefined && (
            <Queue slug={slug} round={round} me={me} chainId={chainId} />
          )}
          <OpenDisputes slug={slug} round={round} />
        </section>
      ))}
    </section>
  );
}

function Queue({
  slug,
  round,
  me,
  chainId,
}: {
  slug: string;
  round: Round;
  me: `0x${string}`;
  chainId: number;
}) {
  const attestations = useQuery(AttestationsDocument, { dao: slug, round: round.id, first: 100 });
  const mine = useQuery(ReviewsDocument, { dao: slug, reviewer: me, round: round.id, first: 100 });
  const [recorded, setRecorded] = useState<string>();
  if (attestations.error !== undefined)
    return <ErrorNote message={`${attestations.error.code}: ${attestations.error.message}`} />;
  if (mine.error !== undefined) return <ErrorNote message={`${mine.error.code}: ${mine.error.message}`} />;
  if (attestations.data === undefined || mine.data === undefined) return <Loading what="your review queue" />;
  const reviewed = new Set(mine.data.reviews.nodes.map((review) => review.attestationId));
  const queue = attestations.data.attestations.nodes.filter(
    (attestation) =>
      REVIEWABLE.has(attestation.status) &&
      !reviewed.has(attestation.id) &&
      !attestation.coContributors.some((credit) => sameAddress(credit.contributor, me)),
  );
  return (
    <>
      <h3>Awaiting your review ({queue.length})</h3>
      {recorded !== undefined && (
        <p className="note" role="status">
          Your review of “{recorded}” is recorded; every score stays hidden until the review phase closes.
        </p>
      )}
      {queue.length === 0 && <p>Nothing awaits your review in this round.</p>}
      <ul className="cards">
        {queue.map((attestation) => (
          <li key={attestation.id} className="card">
            <ReviewCard
              slug={slug}
              chainId={chainId}
              attestation={attestation}
              onReviewed={() => {
                setRecorded(attestation.title);
                attestations.reload();
                mine.reload();
              }}
            />
          </li>
        ))}
      </ul>
      <p className="muted">You reviewed {reviewed.size} in this round.</p>
    </>
  );
}

function ReviewCard({
  slug,
  chainId,
  attestation: a,
  onReviewed,
}: {
  slug: string;
  chainId: number;
  attestation: AttestationFieldsFragment;
  onReviewed: () => void;
}) {
  const { typedDataSigner } = useWallet();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const parsed = parseScore(score);
  return (
    <article aria-label={`Review of ${a.title}`}>
      <h4>
        <Link href={`/dao/${encodeURIComponent(slug)}/attestation/${a.id}`}>{a.title}</Link>
      </h4>
      <p className="muted">
        {KIND_LABELS[a.kind]} · {a.model.name}@{a.model.version} · {STATUS_LABELS[a.status]} · by{' '}
        <AddressText address={a.contributor} />
      </p>
      {a.summary !== '' && <p className="body">{a.summary}</p>}
      <ul>
        {a.evidence.map((entry) => (
          <EvidenceItem key={entry.sha256} entry={entry} />
        ))}
        {a.metrics.map((metric) => (
          <li key={metric.name}>
            {metric.name}: {metric.text}
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => event.preventDefault()}>
        <label className="stack">
          Score for “{a.title}” (0 to 100)
          <input
            value={score}
            inputMode="numeric"
            aria-describedby={`score-help-${a.id}`}
            onChange={(event) => setScore(event.target.value)}
          />
        </label>
        <p id={`score-help-${a.id}`} className="muted">
          A whole number: 0 for no value, 100 for outstanding work.
        </p>
        <label className="stack">
          Comment for “{a.title}” (optional)
          <textarea value={comment} maxLength={5_000} onChange={(event) => setComment(event.target.value)} />
        </label>
        <SignStep
          chainId={chainId}
          action="Sign review"
          summary={
            parsed === undefined
              ? 'your review, once the score is a whole number from 0 to 100.'
              : `a score of ${parsed} for “${a.title}” in ${slug}${comment === '' ? '' : `, with the comment “${comment}”`}.`
          }
          validate={() => (parsed === undefined ? 'The score is a whole number from 0 to 100.' : undefined)}
          sign={async () => {
            if (parsed === undefined) return;
            const signer = new GuildhallSigner(await typedDataSigner(), chainId);
            await client.request(
              SubmitReviewDocument,
              await signer.submitReview({ dao: slug, attestation: a.id, score: parsed, comment }),
            );
            onReviewed();
          }}
        />
      </form>
    </article>
  );
}

function OpenDisputes({ slug, round }: { slug: string; round: Round }) {
  const { data, error } = useQuery(AttestationDisputesDocument, { dao: slug, round: round.id, first: 100 });
  if (error !== undefined) return <ErrorNote message={`${error.code}: ${error.message}`} />;
  const open = data?.attestations.nodes.flatMap((attestation) =>
    attestation.disputes
      .filter((dispute) => dispute.status === 'OPEN')
      .map((dispute) => ({ attestation, dispute })),
  );
  return (
    <>
      <h3>Open disputes</h3>
      {open === undefined && <Loading what="disputes" />}
      {open?.length === 0 && <p>No open dispute in this round.</p>}
      <ul>
        {open?.map(({ attestation, dispute }) => (
          <li key={dispute.id}>
            On the {dispute.targetKind === 'REVIEW' ? 'review of' : 'attestation'}{' '}
            <Link href={`/dao/${encodeURIComponent(slug)}/attestation/${attestation.id}`}>
              {attestation.title}
            </Link>{' '}
            by <AddressText address={dispute.disputer} />: “{dispute.reason}”
          </li>
        ))}
      </ul>
    </>
  );
}
