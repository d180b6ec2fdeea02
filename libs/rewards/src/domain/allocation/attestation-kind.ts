/**
 * The kinds of contribution a round pays from separate pools (DESIGN.md, "Attestation kinds"), in
 * the fixed order the allocation walks them: pool reports come out in this order, and it breaks ties
 * when the contributor pool is split into kind pools.
 */
export const ATTESTATION_KINDS = [
  'FINE_TUNING',
  'SAFETY_EVALUATION',
  'RED_TEAMING',
  'DATA_CURATION',
  'APPLICATION',
  'RESEARCH',
  'INFRASTRUCTURE',
] as const;
export type AttestationKind = (typeof ATTESTATION_KINDS)[number];

export const isAttestationKind = (value: string): value is AttestationKind =>
  (ATTESTATION_KINDS as readonly string[]).includes(value);
