/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment DaoFields on Dao {\n  id\n  slug\n  name\n  chainId\n  governanceToken\n  safeAddress\n  createdAt\n  updatedAt\n}\n\nquery Dao($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nquery Daos($first: Int, $after: String) {\n  daos(first: $first, after: $after) {\n    nodes {\n      ...DaoFields\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nsubscription DaoUpdated($slug: String!) {\n  daoUpdated(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nfragment DaoSettings on Dao {\n  votingDelay\n  votingPeriod\n  proposalThreshold\n  quorumKind\n  quorum\n  supermajorityBps\n  voteTypes\n  allowVoteChange\n  admins\n}\n\nmutation CreateDao($input: CreateDaoInput!, $signature: Hex!) {\n  createDao(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation UpdateDaoSettings($input: UpdateDaoSettingsInput!, $signature: Hex!) {\n  updateDaoSettings(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation SetDaoAdmins($input: SetDaoAdminsInput!, $signature: Hex!) {\n  setDaoAdmins(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nquery DaoWithSettings($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}": typeof types.DaoFieldsFragmentDoc,
    "query Health {\n  health {\n    status\n    database {\n      status\n      latencyMs\n      error\n    }\n    chain {\n      status\n      latencyMs\n      chainId\n      blockNumber\n      error\n    }\n  }\n}": typeof types.HealthDocument,
};
const documents: Documents = {
    "fragment DaoFields on Dao {\n  id\n  slug\n  name\n  chainId\n  governanceToken\n  safeAddress\n  createdAt\n  updatedAt\n}\n\nquery Dao($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nquery Daos($first: Int, $after: String) {\n  daos(first: $first, after: $after) {\n    nodes {\n      ...DaoFields\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nsubscription DaoUpdated($slug: String!) {\n  daoUpdated(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nfragment DaoSettings on Dao {\n  votingDelay\n  votingPeriod\n  proposalThreshold\n  quorumKind\n  quorum\n  supermajorityBps\n  voteTypes\n  allowVoteChange\n  admins\n}\n\nmutation CreateDao($input: CreateDaoInput!, $signature: Hex!) {\n  createDao(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation UpdateDaoSettings($input: UpdateDaoSettingsInput!, $signature: Hex!) {\n  updateDaoSettings(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation SetDaoAdmins($input: SetDaoAdminsInput!, $signature: Hex!) {\n  setDaoAdmins(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nquery DaoWithSettings($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}": types.DaoFieldsFragmentDoc,
    "query Health {\n  health {\n    status\n    database {\n      status\n      latencyMs\n      error\n    }\n    chain {\n      status\n      latencyMs\n      chainId\n      blockNumber\n      error\n    }\n  }\n}": types.HealthDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DaoFields on Dao {\n  id\n  slug\n  name\n  chainId\n  governanceToken\n  safeAddress\n  createdAt\n  updatedAt\n}\n\nquery Dao($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nquery Daos($first: Int, $after: String) {\n  daos(first: $first, after: $after) {\n    nodes {\n      ...DaoFields\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nsubscription DaoUpdated($slug: String!) {\n  daoUpdated(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nfragment DaoSettings on Dao {\n  votingDelay\n  votingPeriod\n  proposalThreshold\n  quorumKind\n  quorum\n  supermajorityBps\n  voteTypes\n  allowVoteChange\n  admins\n}\n\nmutation CreateDao($input: CreateDaoInput!, $signature: Hex!) {\n  createDao(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation UpdateDaoSettings($input: UpdateDaoSettingsInput!, $signature: Hex!) {\n  updateDaoSettings(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation SetDaoAdmins($input: SetDaoAdminsInput!, $signature: Hex!) {\n  setDaoAdmins(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nquery DaoWithSettings($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}"): (typeof documents)["fragment DaoFields on Dao {\n  id\n  slug\n  name\n  chainId\n  governanceToken\n  safeAddress\n  createdAt\n  updatedAt\n}\n\nquery Dao($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nquery Daos($first: Int, $after: String) {\n  daos(first: $first, after: $after) {\n    nodes {\n      ...DaoFields\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nsubscription DaoUpdated($slug: String!) {\n  daoUpdated(slug: $slug) {\n    ...DaoFields\n  }\n}\n\nfragment DaoSettings on Dao {\n  votingDelay\n  votingPeriod\n  proposalThreshold\n  quorumKind\n  quorum\n  supermajorityBps\n  voteTypes\n  allowVoteChange\n  admins\n}\n\nmutation CreateDao($input: CreateDaoInput!, $signature: Hex!) {\n  createDao(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation UpdateDaoSettings($input: UpdateDaoSettingsInput!, $signature: Hex!) {\n  updateDaoSettings(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nmutation SetDaoAdmins($input: SetDaoAdminsInput!, $signature: Hex!) {\n  setDaoAdmins(input: $input, signature: $signature) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}\n\nquery DaoWithSettings($slug: String!) {\n  dao(slug: $slug) {\n    ...DaoFields\n    ...DaoSettings\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Health {\n  health {\n    status\n    database {\n      status\n      latencyMs\n      error\n    }\n    chain {\n      status\n      latencyMs\n      chainId\n      blockNumber\n      error\n    }\n  }\n}"): (typeof documents)["query Health {\n  health {\n    status\n    database {\n      status\n      latencyMs\n      error\n    }\n    chain {\n      status\n      latencyMs\n      chainId\n      blockNumber\n      error\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;