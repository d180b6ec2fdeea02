import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GuildhallClient, GuildhallSigner, HealthDocument, type Variables } from '@guildhall/sdk';
import { displayValue, type GlobalOptions } from './output.js';
import { loadAccount, type KeyOptions } from './keys.js';

/** Options of every command that signs a write. */
export interface SigningOptions extends KeyOptions {
  /** --chain-id or GUILDHALL_CHAIN_ID; otherwise the chain the API serves (its health query). */
  readonly chainId?: number;
  /** GUILDHALL_KEYSTORE_PASSWORD (hidden option, for scripts). */
  readonly keystorePassword?: string;
}

/**
 * A client whose answers are made safe to print (`displayValue`): what other users wrote (titles,
 * reasons, names, token symbols) cannot act on the terminal. For human output only.
 */
class DisplayClient extends GuildhallClient {
  override async request<R, V>(document: TypedDocumentNode<R, V>, ...variables: Variables<V>): Promise<R> {
    return displayValue(await super.request(document, ...variables));
  }
}

/**
 * The API client of a command: with --json, answers exactly as sent (JSON escaping keeps them
 * inert); otherwise every text of every answer safe to print (`displayValue`). A command that
 * signs or exports what it reads uses `exactApiClient`.
 */
export const apiClient = (globals: GlobalOptions): GuildhallClient =>
  globals.json ? exactApiClient(globals) : new DisplayClient({ url: globals.api, timeoutMs: 30_000 });

/** Answers exactly as the API sent them: for what is signed again or exported, never printed raw. */
export const exactApiClient = (globals: GlobalOptions): GuildhallClient =>
  new GuildhallClient({ url: globals.api, timeoutMs: 30_000 });

/**
 * The client and the signer of a write. The key is loaded (and a keystore decrypted) first, so a
 * missing key or a wrong password fails before the API is asked anything. The EIP-712 domain's
 * chain id is the one the API verifies signatures against: `health.chain.chainId`, unless
 * `--chain-id` names it (one request fewer, and a signature can be prepared for a known chain).
 */
export async function signingSession(
  globals: GlobalOptions,
  options: SigningOptions,
): Promise<{ client: GuildhallClient; signer: GuildhallSigner }> {
  const account = await loadAccount(options, { keystorePassword: options.keystorePassword });
  const client = apiClient(globals);
  const chainId = options.chainId ?? (await client.request(HealthDocument)).health.chain.chainId;
  return { client, signer: new GuildhallSigner(account, chainId) };
}
