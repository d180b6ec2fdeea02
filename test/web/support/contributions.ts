import { expect, type Page } from '@playwright/test';
import type { Hex } from 'viem';
import { AttestationDocument, RoundDocument, type GuildhallClient } from '@guildhall/sdk';
import { waitFor } from '../../support/rounds.js';
import { sha256 } from '../../support/actors.js';
import type { WebStack } from './stack.js';
import type { TestWallet } from './test-wallet.js';

/** An evidence file's content and its SHA-256 as the API stores it, computed here in Node. */
export function evidenceFile(name: string, text: string): { name: string; text: string; sha256: Hex } {
  return { name, text, sha256: sha256(text) };
}

/** Drops `file` on the attestation form's evidence zone, as a user dragging it from their desktop does. */
export async function dropFile(page: Page, file: { name: string; text: string }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ name, text }) => {
    // The page's DOM classes (this file is compiled without the DOM library).
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new dom.DataTransfer();
    transfer.items.add(new dom.File([text], name, { type: 'text/plain' }));
    return transfer;
  }, file);
  await page.getByTestId('evidence-dropzone').dispatchEvent('drop', { dataTransfer });
}

export interface AttestationForm {
  readonly title: string;
  readonly roundName: string;
  readonly model?: { name: string; version: string };
  readonly metrics?: Readonly<Record<string, string>>;
  /** Co-contributors and their shares; the submitter's share is what is left of 10,000 bps. */
  readonly coContributors?: ReadonlyArray<{ address: string; bps: number }>;
}

/** Fills the attestation form on the contribute page (evidence file not included). */
export async function fillAttestation(page: Page, form: AttestationForm): Promise<void> {
  await page.getByLabel('Kind of work').selectOption('RESEARCH');
  await page.getByLabel('Title').fill(form.title);
  await page.getByLabel('Model name').fill(form.model?.name ?? 'guild-chat');
  await page.getByLabel('Model version').fill(form.model?.version ?? '3.1');
  await page.getByRole('combobox', { name: /^Round/ }).selectOption({ label: form.roundName });
  await page.getByLabel('Evidence URI').fill(`https://artifacts.example/${encodeURIComponent(form.title)}`);
  for (const [index, [name, value]] of Object.entries(form.metrics ?? {}).entries()) {
    await page.getByRole('button', { name: 'Add a metric' }).click();
    await page.getByLabel(`Metric ${index + 1} name`).fill(name);
    await page.getByLabel(`Metric ${index + 1} value`).fill(value);
  }
  const credits = form.coContributors ?? [];
  for (const [index, credit] of credits.entries()) {
    await page.getByRole('button', { name: 'Add a co-contributor' }).click();
    await page.getByLabel(`Co-contributor ${index + 1} address`).fill(credit.address);
    await page.getByLabel(`Co-contributor ${index + 1} share (bps)`).fill(String(credit.bps));
  }
  if (credits.length > 0)
    await page
      .getByLabel('Your share (bps of 10,000)')
      .fill(String(10_000 - credits.reduce((sum, credit) => sum + credit.bps, 0)));
}

/** Signs the filled attestation form; resolves with the new attestation's id (its page is open). */
export async function signAttestation(page: Page, title: string): Promise<string> {
  await page.getByRole('button', { name: 'Sign attestation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** A co-contributor opens the attestation and co-signs it. */
export async function cosign(page: Page, stack: WebStack, dao: string, id: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/dao/${dao}/attestation/${id}`);
  await page.getByRole('button', { name: 'Co-sign attestation' }).click();
  await expect(page.getByRole('button', { name: 'Co-sign attestation' })).toHaveCount(0);
}

/** A reviewer scores the attestation titled `title` from the review page's queue. */
export async function review(
  page: Page,
  stack: WebStack,
  dao: string,
  title: string,
  score: number,
  comment: string,
): Promise<void> {
  await page.goto(`${stack.baseUrl}/dao/${dao}/review`);
  const card = page.getByRole('article', { name: `Review of ${title}` });
  await card.getByLabel(`Score for “${title}”`).fill(String(score));
  await card.getByLabel(`Comment for “${title}”`).fill(comment);
  await card.getByRole('button', { name: 'Sign review' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Your review of “${title}” is recorded` }),
  ).toBeVisible();
  await expect(card).toHaveCount(0);
}

export interface Participant {
  readonly page: Page;
  readonly wallet: TestWallet;
}

/**
 * The contributor's story in the browser: attests with an evidence file dropped on the page and one
 * co-contributor (`cosignerBps` of 10,000), the co-contributor co-signs in their own page, and once
 * the round's review phase opens each reviewer scores it blind in their own page (each reviewer's
 * page shows no earlier reviewer's score). Participants are connected pages (`openAs` of pages.ts).
 */
export async function attestCosignReview(options: {
  stack: WebStack;
  client: GuildhallClient;
  dao: string;
  round: { id: string; name: string };
  contributor: Participant;
  cosigner: Participant;
  cosignerBps: number;
  reviewers: ReadonlyArray<Participant & { score: number }>;
  title: string;
  file: { name: string; text: string };
}): Promise<{ attestationId: string }> {
  const { stack, client, dao, round, contributor, cosigner, title } = options;
  await contributor.page.goto(`${stack.baseUrl}/dao/${dao}/contribute`);
  await fillAttestation(contributor.page, {
    title,
    roundName: round.name,
    metrics: { accuracy: '0.91' },
    coContributors: [{ address: cosigner.wallet.address, bps: options.cosignerBps }],
  });
  await dropFile(contributor.page, options.file);
  await expect(contributor.page.getByTestId('evidence-hash')).toContainText(options.file.name);
  const attestationId = await signAttestation(contributor.page, title);
  await cosign(cosigner.page, stack, dao, attestationId);

  // The worker closes submissions on its own clock, which can be a minute or two away.
  await waitFor(
    () => client.request(RoundDocument, { id: round.id }),
    ({ round: r }) => r.state !== 'OPEN',
    'the round’s review phase',
    120_000,
  );
  for (const [index, reviewer] of options.reviewers.entries()) {
    // Blind: this reviewer sees that earlier reviews exist, never their scores.
    await reviewer.page.goto(`${stack.baseUrl}/dao/${dao}/attestation/${attestationId}`);
    await expect(reviewer.page.getByTestId('review-status')).toContainText(`${index} of `);
    await expect(reviewer.page.getByRole('region', { name: 'Reviews' })).not.toContainText('scored');
    await review(reviewer.page, stack, dao, title, reviewer.score, `Checked by reviewer ${index + 1}.`);
  }
  const { attestation } = await client.request(AttestationDocument, { id: attestationId });
  expect(attestation.reviewCount).toBe(options.reviewers.length);
  return { attestationId };
}
