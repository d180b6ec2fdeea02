import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  AttestationDocument,
  AttestationsDocument,
  ContributorDocument,
  CosignAttestationDocument,
  ReviewsDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  UpsertContributorProfileDocument,
  WithdrawAttestationDocument,
  type AttestationFieldsFragment,
  type AttestationKind,
  type AttestationStatus,
  type ReviewFieldsFragment,
} from '@guildhall/sdk';
import type { Address, Hex } from 'viem';
import { UsageError } from '../args.js';
import { loadAccount } from '../keys.js';
import { ExitCode } from '../exit-codes.js';
import {
  colors,
  printFields,
  printJson,
  printTable,
  shortAddress,
  when,
  type GlobalOptions,
} from '../output.js';
import { Progress } from '../progress.js';
import { apiClient, signingSession, type SigningOptions } from '../session.js';

export interface SubmitAttestationOptions extends SigningOptions {
  readonly dao: string;
  readonly kind: AttestationKind;
  readonly model: { name: string; version: string };
  readonly baseModel?: { name: string; version: string };
  readonly title: string;
  readonly summary?: string;
  readonly evidence?: ReadonlyArray<{ uri: string; sha256: Hex }>;
  readonly evidenceFile?: readonly string[];
  readonly evidenceUri?: readonly string[];
  readonly metric?: ReadonlyArray<readonly [string, string]>;
  readonly split?: ReadonlyArray<{ contributor: Address; bps: number }>;
  readonly reference?: readonly string[];
  readonly round?: string;
}

/** `guildhall attest submit`: hashes evidence files, signs SubmitAttestation, submits it. */
export async function submitAttestation(
  globals: GlobalOptions,
  options: SubmitAttestationOptions,
): Promise<ExitCode> {
  const files = options.evidenceFile ?? [];
  const uris = options.evidenceUri ?? [];
  if (files.length !== uris.length)
    throw new UsageError(
      `--evidence-uri: give one per --evidence-file, in the same order (${files.length} file(s), ${uris.length} URI(s))`,
    );
  if ((options.evidence?.length ?? 0) + files.length === 0)
    throw new UsageError('--evidence: give at least one --evidence URI#SHA256 or --evidence-file PATH');
  for (const file of files) await readable(file);
  const { client, signer } = await signingSession(globals, options);
  const progress = new Progress(globals.json);
  const hashed: Array<{ uri: string; sha256: Hex }> = [];
  for (const [i, file] of files.entries()) {
    progress.start(`Hashing ${basename(file)}`);
    hashed.push({ uri: uris[i], sha256: await sha256File(file).finally(() => progress.stop()) });
  }
  progress.start('Submitting the attestation');
  const { submitAttestation } = await client
    .request(
      SubmitAttestationDocument,
      await signer.submitAttestation({
        dao: options.dao,
        round: options.round,
        kind: options.kind,
        model: {
          ...options.model,
          base: options.baseModel && `${options.baseModel.name}@${options.baseModel.version}`,
        },
        title: options.title,
        summary: options.summary,
        evidence: [...(options.evidence ?? []), ...hashed],
        metrics: Object.fromEntries(options.metric ?? []),
        splits: options.split,
        references: options.reference,
      }),
    )
    .finally(() => progress.stop());
  if (globals.json) printJson(submitAttestation);
  else {
    process.stdout.write(`${colors.green('✔')} Attestation ${colors.bold(submitAttestation.id)} submitted\n`);
    printAttestation(submitAttestation);
  }
  return ExitCode.OK;
}

async function readable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw new UsageError(`--evidence-file: cannot read ${path}: ${(error as Error).message}`);
  }
}

async function sha256File(path: string): Promise<Hex> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new UsageError(`--evidence-file: cannot read ${path}: ${(error as Error).message}`);
  }
  return `0x${hash.digest('hex')}`;
}

export async function listAttestations(
  globals: GlobalOptions,
  options: {
    dao: string;
    status?: AttestationStatus;
    kind?: AttestationKind;
    contributor?: Address;
    round?: string;
    first: number;
    after?: string;
  },
): Promise<ExitCode> {
  const { attestations } = await apiClient(globals).request(AttestationsDocument, options);
  if (globals.json) {
    printJson(attestations);
    return ExitCode.OK;
  }
  printTable(
    ['ID', 'KIND', 'STATUS', 'MODEL', 'CONTRIBUTOR', 'REVIEWS', 'SCORE', 'TITLE'],
    attestations.nodes.map((a) => [
      a.id,
      a.kind,
      statusColor(a.status),
      `${a.model.name}@${a.model.version}`,
      shortAddress(a.contributor),
      String(a.reviewCount),
      score(a.consensusScore),
      a.title,
    ]),
  );
  if (attestations.pageInfo.hasNextPage)
    process.stdout.write(colors.dim(`more: --after ${attestations.pageInfo.endCursor}\n`));
  return ExitCode.OK;
}

export async function showAttestation(globals: GlobalOptions, id: string): Promise<ExitCode> {
  const { attestation } = await apiClient(globals).request(AttestationDocument, { id });
  if (globals.json) {
    printJson(attestation);
    return ExitCode.OK;
  }
  printAttestation(attestation);
  if (attestation.reviews.length > 0) {
    process.stdout.write(`\n${colors.bold('Reviews')}\n`);
    printReviews(attestation.reviews);
  }
  if (attestation.disputes.length > 0) {
    process.stdout.write(`\n${colors.bold('Disputes')}\n`);
    printTable(
      ['ID', 'STATUS', 'DISPUTER', 'REASON'],
      attestation.disputes.map((d) => [d.id, d.status, shortAddress(d.disputer), d.reason]),
    );
  }
  return ExitCode.OK;
}

export async function withdrawAttestation(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { withdrawAttestation } = await client.request(
    WithdrawAttestationDocument,
    await signer.withdrawAttestation({ dao: options.dao, attestation: id }),
  );
  if (globals.json) printJson(withdrawAttestation);
  else process.stdout.write(`${colors.green('✔')} Attestation ${withdrawAttestation.id} withdrawn\n`);
  return ExitCode.OK;
}

export async function cosignAttestation(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { cosignAttestation } = await client.request(
    CosignAttestationDocument,
    await signer.cosignAttestation({ dao: options.dao, attestation: id }),
  );
  if (globals.json) printJson(cosignAttestation);
  else {
    const pending = cosignAttestation.coContributors.filter((c) => c.cosignedAt === null).length;
    process.stdout.write(
      `${colors.green('✔')} Attestation ${cosignAttestation.id} co-signed: ${cosignAttestation.status}` +
        (pending > 0 ? `, ${pending} co-signature(s) missing` : '') +
        '\n',
    );
  }
  return ExitCode.OK;
}

export async function setProfile(
  globals: GlobalOptions,
  options: SigningOptions & {
    dao: string;
    handle: string;
    kind?: readonly AttestationKind[];
    link?: readonly string[];
  },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { upsertContributorProfile: profile } = await client.request(
    UpsertContributorProfileDocument,
    await signer.upsertContributorProfile({
      dao: options.dao,
      handle: options.handle,
      kinds: [...new Set(options.kind ?? [])],
      links: [...new Set(options.link ?? [])],
    }),
  );
  if (globals.json) printJson({ dao: options.dao, ...profile });
  else {
    process.stdout.write(
      `${colors.green('✔')} Profile ${colors.bold(profile.handle)} saved in ${options.dao}\n`,
    );
    printFields(profileFields(profile));
  }
  return ExitCode.OK;
}

/** A contributor of a DAO: `address`, or the key's address when a key is given. */
export async function showContributor(
  globals: GlobalOptions,
  address: Address | undefined,
  options: SigningOptions & { dao: string; first: number; after?: string },
): Promise<ExitCode> {
  const hasKey = options.privateKey !== undefined || options.keystore !== undefined;
  if (address === undefined && !hasKey)
    throw new UsageError('address: give an address (or a key, to use its address)');
  const who = address ?? (await loadAccount(options, { keystorePassword: options.keystorePassword })).address;
  const { contributor } = await apiClient(globals).request(ContributorDocument, {
    dao: options.dao,
    address: who,
    first: options.first,
    after: options.after,
  });
  if (globals.json) {
    printJson(contributor);
    return ExitCode.OK;
  }
  const totals = contributor.totals.filter((t) => t.count > 0);
  printFields([
    ['dao', contributor.dao],
    ['address', contributor.address],
    ...(contributor.profile === null
      ? ([['profile', colors.dim('none')]] as const)
      : profileFields(contributor.profile)),
    ['attestations', totals.length === 0 ? '0' : totals.map((t) => `${t.count} ${t.status}`).join(', ')],
  ]);
  const { nodes, pageInfo } = contributor.attestations;
  if (nodes.length > 0) {
    process.stdout.write('\n');
    printTable(
      ['ID', 'KIND', 'STATUS', 'MODEL', 'SCORE', 'TITLE'],
      nodes.map((a) => [
        a.id,
        a.kind,
        statusColor(a.status),
        `${a.model.name}@${a.model.version}`,
        score(a.consensusScore),
        a.title,
      ]),
    );
    if (pageInfo.hasNextPage) process.stdout.write(colors.dim(`more: --after ${pageInfo.endCursor}\n`));
  }
  return ExitCode.OK;
}

const profileFields = (profile: {
  handle: string;
  kinds: readonly AttestationKind[];
  links: readonly string[];
  updatedAt: string;
}): Array<readonly [string, string]> => [
  ['handle', profile.handle],
  ['kinds', profile.kinds.length === 0 ? '-' : profile.kinds.join(', ')],
  ['links', profile.links.length === 0 ? '-' : profile.links.join(', ')],
  ['updated', when(profile.updatedAt)],
];

export async function submitReview(
  globals: GlobalOptions,
  options: SigningOptions & { dao: string; attestation: string; score: number; comment?: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { submitReview } = await client.request(
    SubmitReviewDocument,
    await signer.submitReview({
      dao: options.dao,
      attestation: options.attestation,
      score: options.score,
      comment: options.comment,
    }),
  );
  if (globals.json) printJson(submitReview);
  else
    process.stdout.write(
      `${colors.green('✔')} Review of ${submitReview.id} recorded (${submitReview.reviewCount} review(s), status ${submitReview.status})\n`,
    );
  return ExitCode.OK;
}

export async function listReviews(
  globals: GlobalOptions,
  options: { dao: string; reviewer?: Address; round?: string; first: number; after?: string },
): Promise<ExitCode> {
  const { reviews } = await apiClient(globals).request(ReviewsDocument, options);
  if (globals.json) printJson(reviews);
  else {
    printReviews(reviews.nodes);
    if (reviews.pageInfo.hasNextPage)
      process.stdout.write(colors.dim(`more: --after ${reviews.pageInfo.endCursor}\n`));
  }
  return ExitCode.OK;
}

function printReviews(reviews: readonly ReviewFieldsFragment[]): void {
  printTable(
    ['ID', 'ATTESTATION', 'REVIEWER', 'SCORE', 'SIGNED', 'COMMENT'],
    reviews.map((r) => [
      r.id,
      r.attestationId,
      shortAddress(r.reviewer),
      r.voided ? colors.dim(`${r.score ?? '-'} (void)`) : String(r.score ?? 'hidden'),
      when(r.signedAt),
      r.comment ?? '',
    ]),
  );
}

function printAttestation(a: AttestationFieldsFragment): void {
  printFields([
    ['id', a.id],
    ['dao', a.dao],
    ['kind', a.kind],
    ['status', statusColor(a.status)],
    ['title', a.title],
    ...(a.summary ? [['summary', a.summary] as const] : []),
    ['model', `${a.model.name}@${a.model.version}${a.model.base ? ` (base ${a.model.base})` : ''}`],
    ['contributor', a.contributor],
    ...(a.roundId ? [['round', a.roundId] as const] : []),
    ['evidence', a.evidence.map((e) => `${e.uri}#${e.sha256.replace(/^0x/, '')}`).join(', ')],
    ...(a.metrics.length > 0
      ? [['metrics', a.metrics.map((m) => `${m.name}=${m.text ?? m.value}`).join(', ')] as const]
      : []),
    ['reviews', `${a.reviewCount} of ${a.minReviews}, deadline ${when(a.reviewDeadline)}`],
    ['score', score(a.consensusScore)],
    ['created', when(a.createdAt)],
  ]);
}

const score = (value: number | null): string => (value === null ? '-' : String(value));

const statusColor = (status: AttestationStatus): string =>
  status === 'ACCEPTED'
    ? colors.green(status)
    : status === 'REJECTED' || status === 'WITHDRAWN'
      ? colors.red(status)
      : status === 'DISPUTED'
        ? colors.yellow(status)
        : status;
