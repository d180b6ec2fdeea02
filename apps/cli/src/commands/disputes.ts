import {
  DisputeDocument,
  OpenDisputeDocument,
  ResolveDisputeDocument,
  type DisputeFieldsFragment,
  type DisputeResolution,
} from '@guildhall/sdk';
import { UsageError } from '../args.js';
import { ExitCode } from '../exit-codes.js';
import { colors, printFields, printJson, when, type GlobalOptions } from '../output.js';
import { apiClient, signingSession, type SigningOptions } from '../session.js';

export async function openDispute(
  globals: GlobalOptions,
  options: SigningOptions & {
    dao: string;
    attestation?: string;
    review?: string;
    reason: string;
    evidence?: readonly string[];
  },
): Promise<ExitCode> {
  // --attestation and --review conflict (commander refuses both); one of them is needed.
  const target =
    options.attestation !== undefined
      ? { targetKind: 'ATTESTATION' as const, target: options.attestation }
      : options.review !== undefined
        ? { targetKind: 'REVIEW' as const, target: options.review }
        : undefined;
  if (target === undefined)
    throw new UsageError('--attestation or --review: give the attestation or the review disputed');
  const { client, signer } = await signingSession(globals, options);
  const { openDispute } = await client.request(
    OpenDisputeDocument,
    await signer.openDispute({
      dao: options.dao,
      ...target,
      reason: options.reason,
      evidence: options.evidence,
    }),
  );
  if (globals.json) printJson(openDispute);
  else {
    process.stdout.write(`${colors.green('✔')} Dispute ${colors.bold(openDispute.id)} opened\n`);
    printDispute(openDispute);
  }
  return ExitCode.OK;
}

export async function resolveDispute(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string; outcome: DisputeResolution; reason: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { resolveDispute } = await client.request(
    ResolveDisputeDocument,
    await signer.resolveDispute({
      dao: options.dao,
      dispute: id,
      resolution: options.outcome,
      reason: options.reason,
    }),
  );
  if (globals.json) printJson(resolveDispute);
  else {
    process.stdout.write(`${colors.green('✔')} Dispute ${resolveDispute.id} ${resolveDispute.status}\n`);
    printDispute(resolveDispute);
  }
  return ExitCode.OK;
}

export async function showDispute(globals: GlobalOptions, id: string): Promise<ExitCode> {
  const { dispute } = await apiClient(globals).request(DisputeDocument, { id });
  if (globals.json) printJson(dispute);
  else printDispute(dispute);
  return ExitCode.OK;
}

function printDispute(d: DisputeFieldsFragment): void {
  printFields([
    ['id', d.id],
    ['status', d.status === 'OPEN' ? colors.yellow(d.status) : d.status],
    [
      'target',
      d.targetKind === 'REVIEW'
        ? `review ${d.reviewId ?? '-'} (of attestation ${d.attestationId})`
        : `attestation ${d.attestationId}`,
    ],
    ['disputer', d.disputer],
    ['reason', d.reason],
    ...(d.evidence.length > 0 ? [['evidence', d.evidence.join(', ')] as const] : []),
    ['opened', when(d.createdAt)],
    ...(d.resolvedAt === null
      ? []
      : ([
          ['resolution', d.resolution ?? '-'],
          ['resolved by', d.resolvedBy ?? '-'],
          ['resolved', when(d.resolvedAt)],
        ] as const)),
  ]);
}
