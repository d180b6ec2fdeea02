import type { Address } from '@guildhall/core';

export const PROPOSAL_STATES = [
  'PENDING',
  'ACTIVE',
  'SUCCEEDED',
  'DEFEATED',
  'QUEUED',
  'EXECUTED',
  'FAILED',
  'EXPIRED',
  'CANCELED',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ProposalAction {
  readonly to: Address;
  readonly value: bigint;
  readonly data: `0x${string}`;
  /** 0 = CALL, 1 = DELEGATECALL (Safe semantics). */
  readonly operation: 0 | 1;
  /** Human-readable: a decoded ERC20 transfer, a decoded call to a known ABI, or "unknown calldata". */
  readonly description: string;
}
