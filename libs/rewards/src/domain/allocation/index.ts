export {
  allocateRound,
  REVIEWER_POOL,
  type Allocation,
  type AllocationExplanation,
  type AllocationResult,
  type PoolId,
  type PoolReport,
} from './allocate-round.js';
export type { AllocationOutcome, UnallocatedReason } from './allocate-pool.js';
export {
  DEFAULT_REVIEWER_SHARE_BPS,
  type AllocationEntry,
  type AllocationInput,
  type AllocationParams,
  type KindPoolParams,
} from './allocation-input.js';
export { AllocationError, AllocationErrorCode } from './allocation.error.js';
export { ATTESTATION_KINDS, isAttestationKind, type AttestationKind } from './attestation-kind.js';
export type { Weight } from './weight.js';
export { largestRemainder } from './largest-remainder.js';
