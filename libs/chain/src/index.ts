export * from './abi/generated/index.js';
export * from './errors/chain.error.js';
export { defineGuildhallChain } from './clients/chain-definition.js';
export {
  ChainClientManager,
  type ChainClientOptions,
  type PublicClientProvider,
} from './clients/chain-client-manager.js';
export { readChainId, type ReadChainIdOptions } from './clients/read-chain-id.js';
export { Devnet, type DevnetOptions } from './devnet/devnet.js';
export { DEV_ACCOUNTS, DEV_MNEMONIC, type DevAccount } from './devnet/dev-accounts.js';
export {
  DEV_DAO_SAFE_PAYOUT_FUNDING,
  DEV_GOVERNANCE_TOKENS_PER_ACCOUNT,
  deployDevStack,
  devContractNetworks,
  type DevStack,
  type SafeContracts,
} from './devnet/deploy-dev-stack.js';
export { SignatureVerifier, type VerifyTypedDataParameters } from './signatures/signature-verifier.js';
export { recoverSigner, SIGNER_RECOVERY } from './signatures/recover-signer.js';
export { ChainReader, type SafeAccount, type TokenMetadata } from './reader/chain-reader.js';
export { TokenObject } from './graphql/token.object.js';
export { ChainModule, chainResolvers } from './chain.module.js';
export { describeAction, erc20TransferOf } from './actions/action-description.js';
