import {
  assertNoUserinfo,
  DECIMAL_PATTERN,
  EVIDENCE_URI_PATTERN,
  METRIC_NAME_PATTERN,
  MODEL_BASE_PATTERN,
  type Address,
} from '@guildhall/core';
import { isAddressEqual } from 'viem';
import {
  ATTESTATION_KINDS,
  type AttestationKind,
  type Evidence,
  type Metric,
  type ModelRef,
} from './contribution.js';
import { ContributionsError, ContributionsErrorCode } from './contributions.error.js';

export interface AttestationDraft {
  readonly contributor: Address;
  readonly kind: string;
  readonly model: ModelRef;
  readonly title: string;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly metrics: readonly Metric[];
  readonly splits: ReadonlyArray<{ contributor: Address; bps: number }>;
  readonly references: readonly string[];
}

const SHA256 = /^0x[0-9a-f]{64}$/;
const MODEL_PART = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,127}$/;

const invalid = (code: ContributionsErrorCode, message: string, field: string) =>
  new ContributionsError(code, message, { field });

export function isAttestationKind(kind: string): kind is AttestationKind {
  return (ATTESTATION_KINDS as readonly string[]).includes(kind);
}

/** A metric's signed decimal text as a number; NaN, infinities and overflow are refused. */
export function metricValue(metric: Metric, index: number): number {
  const value = Number(metric.value);
  if (!DECIMAL_PATTERN.test(metric.value) || !Number.isFinite(value)) {
    throw invalid(
      ContributionsErrorCode.INVALID_METRIC,
      `metrics[${index}] (${metric.name}): "${metric.value}" is not a finite decimal number`,
      `metrics[${index}].value`,
    );
  }
  return value;
}

/**
 * The credit split of an attestation: empty means the submitter alone (10,000 bps); otherwise it
 * lists every contributor including the submitter, once each, with positive shares summing to 10,000.
 */
export function creditSplits(draft: Pick<AttestationDraft, 'contributor' | 'splits'>) {
  if (draft.splits.length === 0) return [{ contributor: draft.contributor, bps: 10_000 }];
  const bad = (message: string) => invalid(ContributionsErrorCode.INVALID_SPLITS, message, 'splits');
  if (draft.splits.length > 20) throw bad('splits: at most 20 contributors');
  if (!draft.splits.some((split) => isAddressEqual(split.contributor, draft.contributor)))
    throw bad('splits: list the submitter too, with their own share');
  const seen = new Set(draft.splits.map((split) => split.contributor.toLowerCase()));
  if (seen.size !== draft.splits.length) throw bad('splits: each contributor at most once');
  if (draft.splits.some((split) => !Number.isInteger(split.bps) || split.bps <= 0))
    throw bad('splits: every share is a positive whole number of bps');
  const total = draft.splits.reduce((sum, split) => sum + split.bps, 0);
  if (total !== 10_000) throw bad(`splits: the shares sum to ${total} bps, not 10,000`);
  return draft.splits.map(({ contributor, bps }) => ({ contributor, bps }));
}

/** Every field rule of `submitAttestation` that needs no database. */
export function validateAttestation(draft: AttestationDraft): void {
  if (!isAttestationKind(draft.kind))
    throw invalid(
      ContributionsErrorCode.INVALID_ATTESTATION,
      `kind: one of ${ATTESTATION_KINDS.join(', ')}`,
      'kind',
    );
  if (!MODEL_PART.test(draft.model.name))
    throw invalid(
      ContributionsErrorCode.INVALID_ATTESTATION,
      'model.name: 1 to 128 characters',
      'model.name',
    );
  if (!MODEL_PART.test(draft.model.version) || draft.model.version.length > 64)
    throw invalid(
      ContributionsErrorCode.INVALID_ATTESTATION,
      'model.version: 1 to 64 characters',
      'model.version',
    );
  if (draft.kind === 'FINE_TUNING' && draft.model.base === '')
    throw invalid(
      ContributionsErrorCode.INVALID_ATTESTATION,
      'model.base: a fine-tune names its base model (name@version)',
      'model.base',
    );
  if (draft.model.base !== '' && !MODEL_BASE_PATTERN.test(draft.model.base))
    throw invalid(ContributionsErrorCode.INVALID_ATTESTATION, 'model.base: name@version', 'model.base');
  if (draft.title.trim().length === 0 || draft.title.length > 200)
    throw invalid(ContributionsErrorCode.INVALID_ATTESTATION, 'title: 1 to 200 characters', 'title');
  if (draft.summary.length > 10_000)
    throw invalid(
      ContributionsErrorCode.INVALID_ATTESTATION,
      'summary: at most 10,000 characters',
      'summary',
    );

  if (draft.evidence.length < 1 || draft.evidence.length > 20)
    throw invalid(ContributionsErrorCode.INVALID_ATTESTATION, 'evidence: 1 to 20 entries', 'evidence');
  const hashes = new Set<string>();
  for (const [index, entry] of draft.evidence.entries()) {
    if (!EVIDENCE_URI_PATTERN.test(entry.uri) || entry.uri.length > 2048)
      throw invalid(
        ContributionsErrorCode.INVALID_EVIDENCE_URI,
        `evidence[${index}].uri: an https://, ipfs:// or ar:// URI of at most 2,048 characters`,
        `evidence[${index}].uri`,
      );
    assertNoUserinfo(entry.uri, `evidence[${index}].uri`);
    if (!SHA256.test(entry.sha256))
      throw invalid(
        ContributionsErrorCode.INVALID_EVIDENCE_HASH,
        `evidence[${index}].sha256: 0x and 64 lowercase hex digits (the artifact's SHA-256)`,
        `evidence[${index}].sha256`,
      );
    if (hashes.has(entry.sha256))
      throw invalid(
        ContributionsErrorCode.DUPLICATE_EVIDENCE,
        `evidence[${index}]: the same artifact is listed twice`,
        `evidence[${index}].sha256`,
      );
    hashes.add(entry.sha256);
  }

  if (draft.metrics.length > 50)
    throw invalid(ContributionsErrorCode.INVALID_METRIC, 'metrics: at most 50 entries', 'metrics');
  const names = new Set<string>();
  for (const [index, metric] of draft.metrics.entries()) {
    if (!METRIC_NAME_PATTERN.test(metric.name) || names.has(metric.name))
      throw invalid(
        ContributionsErrorCode.INVALID_METRIC,
        `metrics[${index}].name: a unique name of 1 to 64 letters, digits and _ . : / -, starting with a letter`,
        `metrics[${index}].name`,
      );
    names.add(metric.name);
    metricValue(metric, index);
  }

  creditSplits(draft);

  if (draft.references.length > 20)
    throw invalid(ContributionsErrorCode.INVALID_ATTESTATION, 'references: at most 20', 'references');
  if (new Set(draft.references).size !== draft.references.length)
    throw invalid(ContributionsErrorCode.INVALID_ATTESTATION, 'references: each at most once', 'references');
}
