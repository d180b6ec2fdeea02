import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS, erc20VotesAbi } from '@guildhall/chain';
import { SignedMessageEntity } from '@guildhall/signed-writes/datasources';
import { AttestationEntity, DisputeEntity, ReviewEntity } from '@guildhall/contributions/datasources';
import {
  AttestationDocument,
  AttestationSubmittedDocument,
  AttestationsDocument,
  ContributorDocument,
  CosignAttestationDocument,
  CreateDaoDocument,
  GuildhallSigner,
  OpenDisputeDocument,
  ResolveDisputeDocument,
  ReviewsDocument,
  SetReviewPolicyDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  UpsertContributorProfileDocument,
  WithdrawAttestationDocument,
  type AttestationFieldsFragment,
} from '@guildhall/sdk';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { DataSource } from 'typeorm';
import { createPublicClient, http } from 'viem';
import { devSigner, permissiveRules, sha256, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'model-works';
const REVIEW_PERIOD = 8;

/** A page with everything a list may ask of each attestation beyond its own row. */
const AttestationPageDocument = parse(`
  query AttestationPage($dao: String!, $first: Int) {
    attestations(dao: $dao, first: $first) {
      nodes {
        id
        reviewCount
        coContributors { contributor bps }
        metrics { name value }
        reviews { reviewer score }
        disputes { id }
      }
      pageInfo { hasNextPage }
    }
  }
`) as TypedDocumentNode<
  {
    attestations: {
      nodes: Array<{
        id: string;
        reviewCount: number;
        coContributors: Array<{ contributor: string; bps: number }>;
        metrics: Array<{ name: string; value: number }>;
        reviews: Array<{ reviewer: string; score: number | null }>;
        disputes: Array<{ id: string }>;
      }>;
      pageInfo: { hasNextPage: boolean };
    };
  },
  { dao: string; first: number }
>;

describe('Contributions: attestations, blind reviews, disputes (real PostgreSQL, devnet)', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = devSigner(5);
  const fineTuner = devSigner(6);
  const safetyTester = devSigner(7);
  const coAuthor = devSigner(8);
  const reviewers = [devSigner(1), devSigner(2), devSigner(3)];
  const outsider = devSigner(9);
  const holder = devSigner(4);

  const counts = async () => {
    const db = stack.database.dataSource;
    return {
      attestations: await db.getRepository(AttestationEntity).count(),
      reviews: await db.getRepository(ReviewEntity).count(),
      disputes: await db.getRepository(DisputeEntity).count(),
      messages: await db.getRepository(SignedMessageEntity).count(),
    };
  };
  const attestation = async (id: string) =>
    (await api.client.request(AttestationDocument, { id })).attestation;
  const submit = async (who: GuildhallSigner, params: Parameters<GuildhallSigner['submitAttestation']>[0]) =>
    (await api.client.request(SubmitAttestationDocument, await who.submitAttestation(params)))
      .submitAttestation;
  const review = async (who: GuildhallSigner, id: string, score: number) =>
    api.client.request(
      SubmitReviewDocument,
      await who.submitReview({ dao: DAO, attestation: id, score, comment: `score ${score}` }),
    );
  const waitForStatus = async (id: string, from: string): Promise<AttestationFieldsFragment> => {
    const deadline = Date.now() + 30_000;
    let current = await attestation(id);
    while (current.status === from && Date.now() < deadline) {
      await sleep(300);
      current = await attestation(id);
    }
    return current;
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Model Works',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: reviewers.map((r) => r.address) }),
    );
    await api.client.request(
      SetReviewPolicyDocument,
      await admin.setReviewPolicy({
        dao: DAO,
        cosignWindow: 3600,
        reviewPeriod: REVIEW_PERIOD,
        minReviews: 2,
        acceptanceScore: 60,
      }),
    );
  });

  afterAll(() => stack?.close());

  it('keeps contributor profiles with handles unique per DAO', async () => {
    const { upsertContributorProfile } = await api.client.request(
      UpsertContributorProfileDocument,
      await fineTuner.upsertContributorProfile({
        dao: DAO,
        handle: 'lora-lena',
        kinds: ['FINE_TUNING'],
        links: ['https://huggingface.co/lora-lena'],
      }),
    );
    expect(upsertContributorProfile).toMatchObject({ address: fineTuner.address, handle: 'lora-lena' });
    const taken = await rejection(
      api.client.request(
        UpsertContributorProfileDocument,
        await safetyTester.upsertContributorProfile({ dao: DAO, handle: 'LORA-lena' }),
      ),
    );
    expect(taken.code).toBe('HANDLE_TAKEN');
    const short = await rejection(
      api.client.request(
        UpsertContributorProfileDocument,
        await safetyTester.upsertContributorProfile({ dao: DAO, handle: 'ab' }),
      ),
    );
    expect(short.code).toBe('INVALID_PROFILE');
    const withPassword = await rejection(
      api.client.request(
        UpsertContributorProfileDocument,
        await safetyTester.upsertContributorProfile({
          dao: DAO,
          handle: 'safe-sam',
          links: ['https://sam:hunter2@huggingface.co/sam'],
        }),
      ),
    );
    expect(withPassword).toMatchObject({
      code: 'URI_WITH_CREDENTIALS',
      category: 'BAD_INPUT',
      details: { field: 'links[0]' },
    });
  });

  it('runs the story: submit, co-sign, blind reviews, self-review refused, close, dispute upheld', async () => {
    const fineTune = await submit(fineTuner, {
      dao: DAO,
      kind: 'FINE_TUNING',
      model: { name: 'guild-7b-instruct', version: '1.0', base: 'guild-7b@1.2' },
      title: 'Instruction-tuned guild-7b',
      summary: 'LoRA r=16 on 40k curated instructions.',
      evidence: [{ uri: 'https://models.example/guild-7b-instruct.safetensors', sha256: sha256('weights') }],
      metrics: { mmlu: 0.612, eval_loss: '1.234' },
    });
    expect(fineTune).toMatchObject({
      status: 'IN_REVIEW',
      reviewCount: 0,
      reviewsVisible: false,
      minReviews: 2,
    });

    // A safety evaluation of the fine-tune, with a co-author: it waits for their co-signature.
    const evaluation = await submit(safetyTester, {
      dao: DAO,
      kind: 'SAFETY_EVALUATION',
      model: { name: 'guild-7b-instruct', version: '1.0' },
      title: 'Jailbreak and refusal evaluation',
      evidence: [
        { uri: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', sha256: sha256('logs') },
      ],
      metrics: { jailbreak_success_rate: 0.031 },
      splits: [
        { contributor: safetyTester.address, bps: 7_000 },
        { contributor: coAuthor.address, bps: 3_000 },
      ],
      references: [fineTune.id],
    });
    expect(evaluation).toMatchObject({
      status: 'PENDING_COSIGN',
      references: [fineTune.id],
      reviewOpensAt: null,
    });
    expect((await rejection(review(reviewers[0], evaluation.id, 90))).code).toBe('REVIEW_NOT_OPEN');
    // Subscribers hear of it once the last co-contributor has signed.
    const submitted = api.client.subscribe(AttestationSubmittedDocument, { dao: DAO });
    const nextSubmitted = submitted.next();
    await sleep(300); // graphql-ws registers the listener asynchronously
    const { cosignAttestation } = await api.client.request(
      CosignAttestationDocument,
      await coAuthor.cosignAttestation({ dao: DAO, attestation: evaluation.id }),
    );
    expect(cosignAttestation.status).toBe('IN_REVIEW');
    expect((await nextSubmitted).value).toMatchObject({
      attestationSubmitted: { id: evaluation.id, status: 'IN_REVIEW' },
    });
    await submitted.return?.();
    expect(cosignAttestation.coContributors.every((credit) => credit.cosignedAt !== null)).toBe(true);

    // Three reviewers; a re-review replaces the first one; scores stay hidden from every client.
    await review(reviewers[0], fineTune.id, 40);
    await sleep(1_100); // a replacement must be signed later
    await review(reviewers[0], fineTune.id, 80);
    await review(reviewers[1], fineTune.id, 70);
    const { submitReview } = await review(reviewers[2], fineTune.id, 30);
    expect(submitReview).toMatchObject({ reviewCount: 3, reviewsVisible: false });
    for (const reviewer of reviewers) await review(reviewer, evaluation.id, 90);

    const blind = await attestation(fineTune.id);
    expect(blind.reviews).toHaveLength(3);
    expect(blind.reviews.map((r) => [r.score, r.comment, r.stake])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    const { reviews: listed } = await api.client.request(ReviewsDocument, {
      dao: DAO,
      reviewer: reviewers[0].address,
    });
    expect(listed.nodes.map((r) => r.score)).toEqual([null, null]);

    // Nobody reviews their own (or co-authored) work; non-reviewers and bad scores are refused.
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({
        dao: DAO,
        reviewers: [...reviewers.map((r) => r.address), coAuthor.address],
      }),
    );
    const before = await counts();
    expect((await rejection(review(coAuthor, evaluation.id, 100))).code).toBe('SELF_REVIEW');
    const withUser = await rejection(
      api.client.request(
        OpenDisputeDocument,
        await holder.openDispute({
          dao: DAO,
          targetKind: 'ATTESTATION',
          target: evaluation.id,
          reason: 'Evidence behind a login.',
          evidence: ['https://forum.example/t/42', 'https://holder@forum.example/t/43'],
        }),
      ),
    );
    expect(withUser).toMatchObject({ code: 'URI_WITH_CREDENTIALS', details: { field: 'evidence[1]' } });
    expect((await rejection(review(outsider, fineTune.id, 50))).code).toBe('NOT_A_REVIEWER');
    expect((await rejection(review(reviewers[1], fineTune.id, 101))).code).toBe('INVALID_REVIEW');
    expect(await counts()).toEqual(before);

    // A holder disputes the safety evaluation (inflated metrics) while it is in review.
    const { openDispute } = await api.client.request(
      OpenDisputeDocument,
      await holder.openDispute({
        dao: DAO,
        targetKind: 'ATTESTATION',
        target: evaluation.id,
        reason: 'The jailbreak rate was measured on 20 prompts, not the 2,000 claimed.',
        evidence: ['https://forum.example/t/42'],
      }),
    );
    expect(openDispute.status).toBe('OPEN');
    expect((await attestation(evaluation.id)).status).toBe('DISPUTED');
    const again = await rejection(
      api.client.request(
        OpenDisputeDocument,
        await holder.openDispute({
          dao: DAO,
          targetKind: 'ATTESTATION',
          target: evaluation.id,
          reason: 'Again.',
        }),
      ),
    );
    expect(again.code).toBe('DISPUTE_ALREADY_OPEN');
    const byOutsider = await rejection(
      api.client.request(
        ResolveDisputeDocument,
        await outsider.resolveDispute({
          dao: DAO,
          dispute: openDispute.id,
          resolution: 'UPHELD',
          reason: 'I say so.',
        }),
      ),
    );
    expect(byOutsider.code).toBe('NOT_A_DAO_ADMIN');

    // The worker closes the fine-tune's review at its deadline: scores 80, 70, 30 with equal stake → 70 ≥ 60.
    const closed = await waitForStatus(fineTune.id, 'IN_REVIEW');
    expect(closed).toMatchObject({ status: 'ACCEPTED', consensusScore: 70, reviewsVisible: true });
    const visible = await attestation(fineTune.id);
    expect(visible.reviews.map((r) => r.score).sort()).toEqual([30, 70, 80]);
    const reader = createPublicClient({ transport: http(stack.chain.rpcUrl) });
    const power = await reader.readContract({
      address: stack.chain.stack.governanceToken,
      abi: erc20VotesAbi,
      functionName: 'getVotes',
      args: [reviewers[0].address],
      blockNumber: BigInt(visible.snapshotBlock),
    });
    expect(visible.reviews.find((r) => r.reviewer === reviewers[0].address)?.stake).toBe(power.toString());
    expect((await rejection(review(reviewers[1], fineTune.id, 10))).code).toBe('REVIEW_CLOSED');

    // The dispute is upheld: the evaluation ends REJECTED although its reviews were high.
    const { resolveDispute } = await api.client.request(
      ResolveDisputeDocument,
      await admin.resolveDispute({
        dao: DAO,
        dispute: openDispute.id,
        resolution: 'UPHELD',
        reason: 'Confirmed with the raw logs.',
      }),
    );
    expect(resolveDispute).toMatchObject({ status: 'UPHELD', resolvedBy: admin.address });
    expect(await attestation(evaluation.id)).toMatchObject({ status: 'REJECTED' });
    const resolvedAgain = await rejection(
      api.client.request(
        ResolveDisputeDocument,
        await admin.resolveDispute({
          dao: DAO,
          dispute: openDispute.id,
          resolution: 'DISMISSED',
          reason: 'Oops.',
        }),
      ),
    );
    expect(resolvedAgain.code).toBe('DISPUTE_ALREADY_RESOLVED');

    const { contributor } = await api.client.request(ContributorDocument, {
      dao: DAO,
      address: coAuthor.address,
    });
    expect(contributor.attestations.nodes.map((a) => a.id)).toEqual([evaluation.id]);
    expect(contributor.totals).toEqual([{ status: 'REJECTED', count: 1 }]);
    const { attestations } = await api.client.request(AttestationsDocument, {
      dao: DAO,
      model: 'guild-7b-instruct@1.0',
      kind: 'FINE_TUNING',
    });
    expect(attestations.nodes.map((a) => a.id)).toEqual([fineTune.id]);

    // Page by page, newest first, every attestation exactly once.
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const { attestations: page } = await api.client.request(AttestationsDocument, {
        dao: DAO,
        first: 1,
        after,
      });
      seen.push(...page.nodes.map((a) => a.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual([evaluation.id, fineTune.id]);
  }, 60_000);

  it('reads a page of 100 attestations with review counts, reviews and disputes in a constant number of queries', async () => {
    const dao = 'page-works';
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao,
        name: 'Page Works',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao, reviewers: reviewers.map((r) => r.address) }),
    );
    const authors = [fineTuner, safetyTester, coAuthor, outsider];
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const title = `Eval ${i}`;
      const { submitAttestation } = await api.client.request(
        SubmitAttestationDocument,
        await authors[i % authors.length].submitAttestation({
          dao,
          kind: 'SAFETY_EVALUATION',
          model: { name: 'guild-7b', version: '1.0' },
          title,
          evidence: [{ uri: `https://evals.example/${i}`, sha256: sha256(`page ${title}`) }],
          metrics: { refusal_rate: i / 100 },
        }),
      );
      ids.push(submitAttestation.id);
    }
    for (const [index, reviewer] of reviewers.entries())
      for (const id of ids.slice(0, index + 1))
        await api.client.request(
          SubmitReviewDocument,
          await reviewer.submitReview({ dao, attestation: id, score: 70, comment: 'fine' }),
        );
    await api.client.request(
      OpenDisputeDocument,
      await holder.openDispute({
        dao,
        targetKind: 'ATTESTATION',
        target: ids[0],
        reason: 'Inflated metrics',
      }),
    );

    // Only statements on the page's tables count: the worker's jobs (a treasury sweep, say) share
    // the DataSource and may run meanwhile.
    const pageTables = /\b(?:FROM|JOIN)\s+"?(?:attestation|attestation_credit|review|dispute)\b/i;
    const logger = api.app.get(DataSource).logger;
    const original = logger.logQuery.bind(logger);
    let queries = 0;
    logger.logQuery = (query, ...rest) => {
      if (pageTables.test(query)) queries += 1;
      original(query, ...rest);
    };
    let page;
    try {
      page = (await api.client.request(AttestationPageDocument, { dao, first: 100 })).attestations;
    } finally {
      logger.logQuery = original;
    }
    // The page with its credits, the reviews and the disputes of all 100.
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThanOrEqual(3);

    expect(page.nodes.map((node) => node.id)).toEqual([...ids].reverse());
    const byId = new Map(page.nodes.map((node) => [node.id, node]));
    expect(ids.slice(0, 4).map((id) => byId.get(id)?.reviewCount)).toEqual([3, 2, 1, 0]);
    expect(page.nodes.every((node) => node.reviews.length === node.reviewCount)).toBe(true);
    // Blind: the review phase is open, so no score shows.
    expect(page.nodes.flatMap((node) => node.reviews.map((r) => r.score))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(page.nodes.map((node) => node.disputes.length).filter((n) => n > 0)).toEqual([1]);
    expect(byId.get(ids[0])?.disputes).toHaveLength(1);
    expect(byId.get(ids[1])).toMatchObject({
      coContributors: [{ contributor: safetyTester.address, bps: 10_000 }],
      metrics: [{ name: 'refusal_rate', value: 0.01 }],
    });
  }, 120_000);

  it('refuses every bad submission with a typed error and writes nothing', async () => {
    const base = {
      dao: DAO,
      kind: 'RED_TEAMING' as const,
      model: { name: 'guild-7b-instruct', version: '1.0' },
      title: 'Prompt-injection red team',
      evidence: [{ uri: 'https://reports.example/red-team.pdf', sha256: sha256('report') }],
    };
    const first = await submit(safetyTester, base);
    const before = await counts();
    const cases: Array<[Parameters<GuildhallSigner['submitAttestation']>[0], string]> = [
      [{ ...base, title: 'The same report, claimed again' }, 'DUPLICATE_EVIDENCE'],
      [
        { ...base, evidence: [{ uri: 'ftp://reports.example/r.pdf', sha256: sha256('x') }] },
        'INVALID_EVIDENCE_URI',
      ],
      [
        { ...base, evidence: [{ uri: 'https://user:pass@reports.example/r.pdf', sha256: sha256('y') }] },
        'URI_WITH_CREDENTIALS',
      ],
      [
        { ...base, evidence: [{ uri: 'https://r.example/1', sha256: sha256('1') }], metrics: { asr: 'NaN' } },
        'INVALID_METRIC',
      ],
      [
        {
          ...base,
          evidence: [{ uri: 'https://r.example/2', sha256: sha256('2') }],
          metrics: { asr: 'Infinity' },
        },
        'INVALID_METRIC',
      ],
      [
        {
          ...base,
          evidence: [{ uri: 'https://r.example/3', sha256: sha256('3') }],
          splits: [
            { contributor: safetyTester.address, bps: 5_000 },
            { contributor: coAuthor.address, bps: 4_000 },
          ],
        },
        'INVALID_SPLITS',
      ],
      [
        {
          ...base,
          evidence: [{ uri: 'https://r.example/4', sha256: sha256('4') }],
          references: [crypto.randomUUID()],
        },
        'UNKNOWN_REFERENCE',
      ],
      [
        {
          ...base,
          evidence: [{ uri: 'https://r.example/5', sha256: sha256('5') }],
          round: crypto.randomUUID(),
        },
        'ROUND_NOT_FOUND',
      ],
    ];
    for (const [params, code] of cases) {
      const error = await rejection(submit(safetyTester, params));
      expect({ title: params.title, code: error.code }).toEqual({ title: params.title, code });
    }
    // A hash no wallet can sign as bytes32, sent by a hand-rolled client: refused before the signature check.
    const signed = await safetyTester.submitAttestation({ ...base, title: 'Malformed hash' });
    const malformed = await rejection(
      api.client.request(SubmitAttestationDocument, {
        ...signed,
        input: { ...signed.input, evidence: [{ uri: 'https://r.example/6', sha256: '0x1234' }] },
      }),
    );
    expect(malformed.code).toBe('INVALID_EVIDENCE_HASH');
    // Signed for another DAO or another chain: the server rebuilds the message and the signature fails.
    const elsewhere = await safetyTester.submitAttestation({ ...base, dao: 'other-dao', title: 'Elsewhere' });
    const replayed = await rejection(
      api.client.request(SubmitAttestationDocument, {
        ...elsewhere,
        input: { ...elsewhere.input, dao: DAO },
      }),
    );
    expect(replayed.code).toBe('INVALID_SIGNATURE');
    const otherChain = await new GuildhallSigner(
      privateKeyToAccount(DEV_ACCOUNTS[7].privateKey),
      1,
    ).submitAttestation({ ...base, title: 'Other chain' });
    expect((await rejection(api.client.request(SubmitAttestationDocument, otherChain))).code).toBe(
      'INVALID_SIGNATURE',
    );
    expect(await counts()).toEqual(before);

    // Withdrawn by its submitter only; its evidence may then be claimed again.
    const notMine = await rejection(
      api.client.request(
        WithdrawAttestationDocument,
        await coAuthor.withdrawAttestation({ dao: DAO, attestation: first.id }),
      ),
    );
    expect(notMine.code).toBe('NOT_THE_CONTRIBUTOR');
    const { withdrawAttestation } = await api.client.request(
      WithdrawAttestationDocument,
      await safetyTester.withdrawAttestation({ dao: DAO, attestation: first.id }),
    );
    expect(withdrawAttestation.status).toBe('WITHDRAWN');
    expect((await submit(safetyTester, { ...base, title: 'Prompt-injection red team, v2' })).status).toBe(
      'IN_REVIEW',
    );
  });
});
