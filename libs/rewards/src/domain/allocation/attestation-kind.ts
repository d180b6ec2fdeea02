/**
 * The kinds of contribution a round pays from separate pools, in the fixed order the allocation
 * walks them: pool reports come out in this order, and it breaks ties when the contributor pool is
 * split into kind pools. Contributions owns the list.
 */
export { ATTESTATION_KINDS, isAttestationKind, type AttestationKind } from '@guildhall/contributions/domain';
