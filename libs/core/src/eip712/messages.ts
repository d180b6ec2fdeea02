import { domainSeparator, hexToBytes, type Address, type Hex, type TypedDataDefinition } from 'viem';
import { keccak256Hex } from '../crypto/keccak.js';
import { guildhallDomain } from './domain.js';
import { StructHasher } from './struct-hash.js';

/**
 * Every Guildhall write, as an EIP-712 primary type. Each one names its DAO (`dao`, the slug) and
 * its signer (`from`, which lets contract wallets sign through ERC-1271), and carries a
 * `timestamp` (unix seconds). docs/signing.md documents each field for third-party clients.
 */
export const GUILDHALL_TYPES = {
  VotingConfig: [
    { name: 'votingDelay', type: 'uint64' },
    { name: 'votingPeriod', type: 'uint64' },
    { name: 'proposalThreshold', type: 'uint256' },
    { name: 'quorumKind', type: 'string' },
    { name: 'quorum', type: 'uint256' },
    { name: 'supermajorityBps', type: 'uint16' },
    { name: 'voteTypes', type: 'string[]' },
    { name: 'allowVoteChange', type: 'bool' },
  ],
  CreateDao: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'governanceToken', type: 'address' },
    { name: 'safe', type: 'address' },
    { name: 'config', type: 'VotingConfig' },
    { name: 'timestamp', type: 'uint64' },
  ],
  UpdateDaoSettings: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'config', type: 'VotingConfig' },
    { name: 'timestamp', type: 'uint64' },
  ],
  SetDaoAdmins: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'admins', type: 'address[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  Action: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
  ],
  CreateProposal: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'body', type: 'string' },
    { name: 'discussion', type: 'string' },
    { name: 'voteType', type: 'string' },
    { name: 'choices', type: 'string[]' },
    { name: 'actions', type: 'Action[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CancelProposal: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'proposal', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  Vote: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'proposal', type: 'string' },
    { name: 'choice', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  UpsertContributorProfile: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'handle', type: 'string' },
    { name: 'kinds', type: 'string[]' },
    { name: 'links', type: 'string[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  Model: [
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'base', type: 'string' },
  ],
  Evidence: [
    { name: 'uri', type: 'string' },
    { name: 'sha256', type: 'bytes32' },
  ],
  Metric: [
    { name: 'name', type: 'string' },
    { name: 'value', type: 'string' },
  ],
  Split: [
    { name: 'contributor', type: 'address' },
    { name: 'bps', type: 'uint16' },
  ],
  SubmitAttestation: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'round', type: 'string' },
    { name: 'kind', type: 'string' },
    { name: 'model', type: 'Model' },
    { name: 'title', type: 'string' },
    { name: 'summary', type: 'string' },
    { name: 'evidence', type: 'Evidence[]' },
    { name: 'metrics', type: 'Metric[]' },
    { name: 'splits', type: 'Split[]' },
    { name: 'references', type: 'string[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CosignAttestation: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'attestation', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  WithdrawAttestation: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'attestation', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  SetReviewers: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'reviewers', type: 'address[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  SetReviewPolicy: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'cosignWindow', type: 'uint64' },
    { name: 'reviewPeriod', type: 'uint64' },
    { name: 'minReviews', type: 'uint16' },
    { name: 'acceptanceScore', type: 'uint8' },
    { name: 'timestamp', type: 'uint64' },
  ],
  SubmitReview: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'attestation', type: 'string' },
    { name: 'score', type: 'uint8' },
    { name: 'comment', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  OpenDispute: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'targetKind', type: 'string' },
    { name: 'target', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'evidence', type: 'string[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  ResolveDispute: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'dispute', type: 'string' },
    { name: 'resolution', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  YumaConfig: [
    { name: 'kappa', type: 'string' },
    { name: 'bondsPenalty', type: 'string' },
    { name: 'bondsMovingAverage', type: 'string' },
    { name: 'yuma3', type: 'bool' },
    { name: 'liquidAlpha', type: 'bool' },
    { name: 'alphaLow', type: 'string' },
    { name: 'alphaHigh', type: 'string' },
    { name: 'alphaSteepness', type: 'string' },
  ],
  KindPool: [
    { name: 'kind', type: 'string' },
    { name: 'shareBps', type: 'uint16' },
    { name: 'floorBps', type: 'uint16' },
  ],
  Vesting: [
    { name: 'cliff', type: 'uint64' },
    { name: 'duration', type: 'uint64' },
    { name: 'interval', type: 'uint64' },
  ],
  CreateRound: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'token', type: 'address' },
    { name: 'budget', type: 'uint256' },
    { name: 'submissionsOpenAt', type: 'uint64' },
    { name: 'submissionsCloseAt', type: 'uint64' },
    { name: 'reviewDeadline', type: 'uint64' },
    { name: 'snapshotBlock', type: 'uint256' },
    { name: 'engine', type: 'string' },
    { name: 'yuma', type: 'YumaConfig' },
    { name: 'reviewerShareBps', type: 'uint16' },
    { name: 'pools', type: 'KindPool[]' },
    { name: 'contributorCapBps', type: 'uint16' },
    { name: 'minPayout', type: 'uint256' },
    { name: 'vesting', type: 'Vesting' },
    { name: 'minReviews', type: 'uint16' },
    { name: 'acceptanceScore', type: 'uint8' },
    { name: 'timestamp', type: 'uint64' },
  ],
  FinalizeRound: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'round', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CancelRound: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'round', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  RecordRevenue: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'periodStart', type: 'uint64' },
    { name: 'periodEnd', type: 'uint64' },
    { name: 'reference', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CreateRevenueShare: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'revenue', type: 'string' },
    { name: 'target', type: 'string' },
    { name: 'model', type: 'string' },
    { name: 'lookbackRounds', type: 'uint16' },
    { name: 'snapshotBlock', type: 'uint256' },
    { name: 'exclude', type: 'address[]' },
    { name: 'minPayout', type: 'uint256' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CreateBounty: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'description', type: 'string' },
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'kind', type: 'string' },
    { name: 'deadline', type: 'uint64' },
    { name: 'maxClaimants', type: 'uint16' },
    { name: 'claimTtl', type: 'uint64' },
    { name: 'teamAllowed', type: 'bool' },
    { name: 'minReviews', type: 'uint16' },
    { name: 'acceptanceScore', type: 'uint8' },
    { name: 'reviewers', type: 'address[]' },
    { name: 'timestamp', type: 'uint64' },
  ],
  ClaimBounty: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'bounty', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  SubmitBountyWork: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'bounty', type: 'string' },
    { name: 'attestation', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  ReviewBountyWork: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'claim', type: 'string' },
    { name: 'score', type: 'uint8' },
    { name: 'comment', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  AcceptBountyWork: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'claim', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  RejectBountyWork: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'claim', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CancelBounty: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'bounty', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  ProposeSafeRejection: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'safeTxHash', type: 'bytes32' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CreateCreditType: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'code', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'unit', type: 'string' },
    { name: 'scale', type: 'uint8' },
    { name: 'timestamp', type: 'uint64' },
  ],
  GrantCredits: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'contributor', type: 'address' },
    { name: 'creditType', type: 'string' },
    { name: 'amount', type: 'uint256' },
    { name: 'effectiveAt', type: 'uint64' },
    { name: 'expiresAt', type: 'uint64' },
    { name: 'reference', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  RecordTokenPrice: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'token', type: 'address' },
    { name: 'usdPerToken', type: 'string' },
    { name: 'asOf', type: 'uint64' },
    { name: 'timestamp', type: 'uint64' },
  ],
  CreateCreditSpendingKey: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'service', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
  RevokeCreditSpendingKey: [
    { name: 'from', type: 'address' },
    { name: 'dao', type: 'string' },
    { name: 'keyId', type: 'string' },
    { name: 'timestamp', type: 'uint64' },
  ],
} as const;

type Types = typeof GUILDHALL_TYPES;
/** Struct types used inside messages; never signed on their own. */
type StructType =
  | 'VotingConfig'
  | 'Action'
  | 'Model'
  | 'Evidence'
  | 'Metric'
  | 'Split'
  | 'YumaConfig'
  | 'KindPool'
  | 'Vesting';
export type GuildhallPrimaryType = Exclude<keyof Types, StructType>;

/** The typed data of one Guildhall write, ready for viem's signTypedData / verifyTypedData. */
export type GuildhallTypedData<P extends GuildhallPrimaryType> = TypedDataDefinition<Types, P> & {
  domain: ReturnType<typeof guildhallDomain>;
  primaryType: P;
};

/** The only types a message of `primaryType` uses (EIP-712 allows no unused types). */
const TYPES_OF: { [P in GuildhallPrimaryType]: ReadonlyArray<keyof Types> } = {
  CreateDao: ['CreateDao', 'VotingConfig'],
  UpdateDaoSettings: ['UpdateDaoSettings', 'VotingConfig'],
  SetDaoAdmins: ['SetDaoAdmins'],
  CreateProposal: ['CreateProposal', 'Action'],
  CancelProposal: ['CancelProposal'],
  Vote: ['Vote'],
  UpsertContributorProfile: ['UpsertContributorProfile'],
  SubmitAttestation: ['SubmitAttestation', 'Model', 'Evidence', 'Metric', 'Split'],
  CosignAttestation: ['CosignAttestation'],
  WithdrawAttestation: ['WithdrawAttestation'],
  SetReviewers: ['SetReviewers'],
  SetReviewPolicy: ['SetReviewPolicy'],
  SubmitReview: ['SubmitReview'],
  OpenDispute: ['OpenDispute'],
  ResolveDispute: ['ResolveDispute'],
  CreateRound: ['CreateRound', 'KindPool', 'Vesting', 'YumaConfig'],
  FinalizeRound: ['FinalizeRound'],
  CancelRound: ['CancelRound'],
  RecordRevenue: ['RecordRevenue'],
  CreateRevenueShare: ['CreateRevenueShare'],
  CreateBounty: ['CreateBounty'],
  ClaimBounty: ['ClaimBounty'],
  SubmitBountyWork: ['SubmitBountyWork'],
  ReviewBountyWork: ['ReviewBountyWork'],
  AcceptBountyWork: ['AcceptBountyWork'],
  RejectBountyWork: ['RejectBountyWork'],
  CancelBounty: ['CancelBounty'],
  ProposeSafeRejection: ['ProposeSafeRejection'],
  CreateCreditType: ['CreateCreditType'],
  GrantCredits: ['GrantCredits'],
  RecordTokenPrice: ['RecordTokenPrice'],
  CreateCreditSpendingKey: ['CreateCreditSpendingKey'],
  RevokeCreditSpendingKey: ['RevokeCreditSpendingKey'],
};

export function guildhallTypedData<P extends GuildhallPrimaryType>(
  chainId: number,
  primaryType: P,
  message: GuildhallTypedData<P>['message'],
): GuildhallTypedData<P> {
  const types = Object.fromEntries(TYPES_OF[primaryType].map((name) => [name, GUILDHALL_TYPES[name]]));
  return { domain: guildhallDomain(chainId), types, primaryType, message } as GuildhallTypedData<P>;
}

const domainSeparators = new Map<number, Uint8Array>();
const structHasher = new StructHasher(GUILDHALL_TYPES);
const EIP712_PREFIX = Uint8Array.of(0x19, 0x01);

/**
 * viem's `hashTypedData` of a Guildhall message (its values checked as viem's `validateTypedData`
 * checks them: see `StructHasher`), computed with WebAssembly keccak, each struct's type hash and
 * each chain's domain separator kept: about four times faster, for what every signed write is
 * keyed and verified by. The types are Guildhall's (`GUILDHALL_TYPES`), as `guildhallTypedData`
 * builds them; a unit test compares the hash with viem's for every primary type.
 */
export function hashGuildhallTypedData<P extends GuildhallPrimaryType>(
  typedData: GuildhallTypedData<P>,
): Hex {
  const { domain } = typedData;
  const { primaryType, message } = typedData as TypedDataDefinition;
  let separator = domainSeparators.get(domain.chainId);
  if (separator === undefined) {
    separator = hexToBytes(domainSeparator({ domain }));
    domainSeparators.set(domain.chainId, separator);
  }
  const encoded = new Uint8Array(66);
  encoded.set(EIP712_PREFIX, 0);
  encoded.set(separator, 2);
  encoded.set(structHasher.hashStruct(primaryType, message), 34);
  return keccak256Hex(encoded);
}

/** Accepted signing times, as Snapshot's sequencer: at most 6 days old, at most 5 minutes ahead. */
export const MESSAGE_MAX_AGE_SECONDS = 6 * 24 * 60 * 60;
export const MESSAGE_MAX_SKEW_SECONDS = 5 * 60;

/**
 * What every signed write carries besides its own fields: the signer, the signing time (unix
 * seconds) and the signature; the server rebuilds the typed data from these and the fields.
 */
export interface SignedInput {
  readonly from: Address;
  readonly timestamp: bigint;
  readonly signature: Hex;
}

/** A signed write about one DAO (every message but CreateDao names its DAO by slug). */
export type DaoSignedInput = SignedInput & { readonly dao: string };
