import { checksumAddress } from '@guildhall/core';
import type { AttestationKind, AttestationStatus } from '@guildhall/sdk';

/** Every kind of work the API takes, in words (a Record: a new kind in the API fails the type check). */
export const KIND_LABELS: Readonly<Record<AttestationKind, string>> = {
  APPLICATION: 'Application',
  DATA_CURATION: 'Data curation',
  FINE_TUNING: 'Fine-tuning',
  INFRASTRUCTURE: 'Infrastructure',
  RED_TEAMING: 'Red teaming',
  RESEARCH: 'Research',
  SAFETY_EVALUATION: 'Safety evaluation',
};

export const KINDS = Object.keys(KIND_LABELS) as AttestationKind[];

export const STATUS_LABELS: Readonly<Record<AttestationStatus, string>> = {
  PENDING_COSIGN: 'awaiting co-signatures',
  SUBMITTED: 'submitted, review not open yet',
  IN_REVIEW: 'in review',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  DISPUTED: 'disputed',
  WITHDRAWN: 'withdrawn',
};

/** The whole of a credit split, in basis points. */
export const ALL_BPS = 10_000;

/**
 * `text` as an EVM address in its checksummed form, or the reason it is not one: 20 bytes of hex,
 * and when its letters are mixed case, exactly the EIP-55 checksum (a typo changes the case pattern).
 */
export function parseAddress(text: string): { address: `0x${string}` } | { invalid: string } {
  const value = text.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(value))
    return { invalid: `“${value}” is not an address (0x and 40 hex digits)` };
  const checksummed = checksumAddress(value);
  const mixed =
    value.slice(2) !== value.slice(2).toLowerCase() && value.slice(2) !== value.slice(2).toUpperCase();
  if (mixed && checksummed !== value)
    return { invalid: `${value} fails its checksum (EIP-55): check it for a typo` };
  return { address: checksummed };
}

/** A share in basis points typed by the user: a whole number from 1 to 10,000. */
export function parseBps(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const bps = Number(text.trim());
  return bps >= 1 && bps <= ALL_BPS ? bps : undefined;
}

/** A review score typed by the user: a whole number from 0 to 100. */
export function parseScore(text: string): number | undefined {
  if (!/^\d{1,3}$/.test(text.trim())) return undefined;
  const score = Number(text.trim());
  return score <= 100 ? score : undefined;
}

/** The file's SHA-256 as the API stores it (0x and 64 lowercase hex digits), computed in the browser. */
export async function sha256Of(file: Blob): Promise<`0x${string}`> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return `0x${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
