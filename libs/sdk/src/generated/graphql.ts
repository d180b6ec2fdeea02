/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The CreateDao message; `from` becomes the first admin. */
export type CreateDaoInput = {
  config: VotingConfigInput;
  /** The DAO slug the message is about. */
  dao: string;
  /** The signer: an EOA, or a contract wallet (ERC-1271, e.g. a Safe). */
  from: `0x${string}`;
  /** An ERC20Votes token (checked on-chain). */
  governanceToken: `0x${string}`;
  name: string;
  /** A Safe (owners and threshold read on-chain). */
  safe: `0x${string}`;
  /** Unix seconds when signed; accepted within [now − 6 days, now + 5 minutes]. */
  timestamp: string;
};

export type HealthStatus =
  | 'DOWN'
  | 'UP';

/** ABSOLUTE: quorum is voting power in base units. SUPPLY_BPS: basis points of the past total supply at the snapshot. */
export type QuorumKind =
  | 'ABSOLUTE'
  | 'SUPPLY_BPS';

/** The SetDaoAdmins message, signed by an admin: the new admin list. */
export type SetDaoAdminsInput = {
  admins: Array<`0x${string}`>;
  /** The DAO slug the message is about. */
  dao: string;
  /** The signer: an EOA, or a contract wallet (ERC-1271, e.g. a Safe). */
  from: `0x${string}`;
  /** Unix seconds when signed; accepted within [now − 6 days, now + 5 minutes]. */
  timestamp: string;
};

/** The UpdateDaoSettings message, signed by an admin. */
export type UpdateDaoSettingsInput = {
  config: VotingConfigInput;
  /** The DAO slug the message is about. */
  dao: string;
  /** The signer: an EOA, or a contract wallet (ERC-1271, e.g. a Safe). */
  from: `0x${string}`;
  name: string;
  /** Unix seconds when signed; accepted within [now − 6 days, now + 5 minutes]. */
  timestamp: string;
};

/** Snapshot vote types. Signed messages carry the Snapshot name: basic, single-choice, approval, weighted, quadratic, ranked-choice. */
export type VoteType =
  | 'APPROVAL'
  | 'BASIC'
  | 'QUADRATIC'
  | 'RANKED_CHOICE'
  | 'SINGLE_CHOICE'
  | 'WEIGHTED';

/** The VotingConfig struct of the signed message, field by field (docs/signing.md). */
export type VotingConfigInput = {
  allowVoteChange: boolean;
  proposalThreshold: string;
  quorum: string;
  quorumKind: QuorumKind;
  supermajorityBps: number;
  voteTypes: Array<VoteType>;
  votingDelay: number;
  votingPeriod: number;
};

export type DaoFieldsFragment = { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string };

export type DaoQueryVariables = Exact<{
  slug: string;
}>;


export type DaoQuery = { dao: { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string } };

export type DaosQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DaosQuery = { daos: { nodes: Array<{ id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type DaoUpdatedSubscriptionVariables = Exact<{
  slug: string;
}>;


export type DaoUpdatedSubscription = { daoUpdated: { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string } };

export type DaoSettingsFragment = { votingDelay: number, votingPeriod: number, proposalThreshold: string, quorumKind: QuorumKind, quorum: string, supermajorityBps: number, voteTypes: Array<VoteType>, allowVoteChange: boolean, admins: Array<`0x${string}`> };

export type CreateDaoMutationVariables = Exact<{
  input: CreateDaoInput;
  signature: `0x${string}`;
}>;


export type CreateDaoMutation = { createDao: { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string, votingDelay: number, votingPeriod: number, proposalThreshold: string, quorumKind: QuorumKind, quorum: string, supermajorityBps: number, voteTypes: Array<VoteType>, allowVoteChange: boolean, admins: Array<`0x${string}`> } };

export type UpdateDaoSettingsMutationVariables = Exact<{
  input: UpdateDaoSettingsInput;
  signature: `0x${string}`;
}>;


export type UpdateDaoSettingsMutation = { updateDaoSettings: { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string, votingDelay: number, votingPeriod: number, proposalThreshold: string, quorumKind: QuorumKind, quorum: string, supermajorityBps: number, voteTypes: Array<VoteType>, allowVoteChange: boolean, admins: Array<`0x${string}`> } };

export type SetDaoAdminsMutationVariables = Exact<{
  input: SetDaoAdminsInput;
  signature: `0x${string}`;
}>;


export type SetDaoAdminsMutation = { setDaoAdmins: { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string, votingDelay: number, votingPeriod: number, proposalThreshold: string, quorumKind: QuorumKind, quorum: string, supermajorityBps: number, voteTypes: Array<VoteType>, allowVoteChange: boolean, admins: Array<`0x${string}`> } };

export type DaoWithSettingsQueryVariables = Exact<{
  slug: string;
}>;


export type DaoWithSettingsQuery = { dao: { id: string, slug: string, name: string, chainId: number, governanceToken: `0x${string}`, safeAddress: `0x${string}`, createdAt: string, updatedAt: string, votingDelay: number, votingPeriod: number, proposalThreshold: string, quorumKind: QuorumKind, quorum: string, supermajorityBps: number, voteTypes: Array<VoteType>, allowVoteChange: boolean, admins: Array<`0x${string}`> } };

export type HealthQueryVariables = Exact<{ [key: string]: never; }>;


export type HealthQuery = { health: { status: HealthStatus, database: { status: HealthStatus, latencyMs: number, error: string | null }, chain: { status: HealthStatus, latencyMs: number, chainId: number, blockNumber: string | null, error: string | null } } };

export const DaoFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<DaoFieldsFragment, unknown>;
export const DaoSettingsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"votingDelay"}},{"kind":"Field","name":{"kind":"Name","value":"votingPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"proposalThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"quorumKind"}},{"kind":"Field","name":{"kind":"Name","value":"quorum"}},{"kind":"Field","name":{"kind":"Name","value":"supermajorityBps"}},{"kind":"Field","name":{"kind":"Name","value":"voteTypes"}},{"kind":"Field","name":{"kind":"Name","value":"allowVoteChange"}},{"kind":"Field","name":{"kind":"Name","value":"admins"}}]}}]} as unknown as DocumentNode<DaoSettingsFragment, unknown>;
export const DaoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dao"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dao"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<DaoQuery, DaoQueryVariables>;
export const DaosDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Daos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"daos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<DaosQuery, DaosQueryVariables>;
export const DaoUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DaoUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"daoUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<DaoUpdatedSubscription, DaoUpdatedSubscriptionVariables>;
export const CreateDaoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDao"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDaoInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"signature"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Hex"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDao"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"signature"},"value":{"kind":"Variable","name":{"kind":"Name","value":"signature"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoSettings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"votingDelay"}},{"kind":"Field","name":{"kind":"Name","value":"votingPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"proposalThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"quorumKind"}},{"kind":"Field","name":{"kind":"Name","value":"quorum"}},{"kind":"Field","name":{"kind":"Name","value":"supermajorityBps"}},{"kind":"Field","name":{"kind":"Name","value":"voteTypes"}},{"kind":"Field","name":{"kind":"Name","value":"allowVoteChange"}},{"kind":"Field","name":{"kind":"Name","value":"admins"}}]}}]} as unknown as DocumentNode<CreateDaoMutation, CreateDaoMutationVariables>;
export const UpdateDaoSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateDaoSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDaoSettingsInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"signature"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Hex"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDaoSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"signature"},"value":{"kind":"Variable","name":{"kind":"Name","value":"signature"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoSettings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"votingDelay"}},{"kind":"Field","name":{"kind":"Name","value":"votingPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"proposalThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"quorumKind"}},{"kind":"Field","name":{"kind":"Name","value":"quorum"}},{"kind":"Field","name":{"kind":"Name","value":"supermajorityBps"}},{"kind":"Field","name":{"kind":"Name","value":"voteTypes"}},{"kind":"Field","name":{"kind":"Name","value":"allowVoteChange"}},{"kind":"Field","name":{"kind":"Name","value":"admins"}}]}}]} as unknown as DocumentNode<UpdateDaoSettingsMutation, UpdateDaoSettingsMutationVariables>;
export const SetDaoAdminsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDaoAdmins"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetDaoAdminsInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"signature"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Hex"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDaoAdmins"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"signature"},"value":{"kind":"Variable","name":{"kind":"Name","value":"signature"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoSettings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"votingDelay"}},{"kind":"Field","name":{"kind":"Name","value":"votingPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"proposalThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"quorumKind"}},{"kind":"Field","name":{"kind":"Name","value":"quorum"}},{"kind":"Field","name":{"kind":"Name","value":"supermajorityBps"}},{"kind":"Field","name":{"kind":"Name","value":"voteTypes"}},{"kind":"Field","name":{"kind":"Name","value":"allowVoteChange"}},{"kind":"Field","name":{"kind":"Name","value":"admins"}}]}}]} as unknown as DocumentNode<SetDaoAdminsMutation, SetDaoAdminsMutationVariables>;
export const DaoWithSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DaoWithSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dao"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"DaoSettings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"governanceToken"}},{"kind":"Field","name":{"kind":"Name","value":"safeAddress"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DaoSettings"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dao"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"votingDelay"}},{"kind":"Field","name":{"kind":"Name","value":"votingPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"proposalThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"quorumKind"}},{"kind":"Field","name":{"kind":"Name","value":"quorum"}},{"kind":"Field","name":{"kind":"Name","value":"supermajorityBps"}},{"kind":"Field","name":{"kind":"Name","value":"voteTypes"}},{"kind":"Field","name":{"kind":"Name","value":"allowVoteChange"}},{"kind":"Field","name":{"kind":"Name","value":"admins"}}]}}]} as unknown as DocumentNode<DaoWithSettingsQuery, DaoWithSettingsQueryVariables>;
export const HealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"database"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"chain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"blockNumber"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]} as unknown as DocumentNode<HealthQuery, HealthQueryVariables>;