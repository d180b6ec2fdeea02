import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager } from './clients/chain-client-manager.js';
import { TokenResolver } from './graphql/token.resolver.js';
import { SignatureVerifier } from './signatures/signature-verifier.js';
import { ChainReader } from './reader/chain-reader.js';

/** Resolvers of the chain adapters (token metadata), for the schema generator. */
export const chainResolvers = [TokenResolver];

/**
 * The chain adapters as Nest providers: one public client per chain, one signature verifier, one
 * reader of tokens and Safes (and its `token` query).
 */
@Global()
@Module({
  providers: [
    {
      provide: ChainClientManager,
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) =>
        new ChainClientManager({ [config.chain.chainId]: config.chain.rpcUrl }),
    },
    {
      provide: SignatureVerifier,
      inject: [ChainClientManager],
      useFactory: (clients: ChainClientManager) => new SignatureVerifier(clients),
    },
    {
      provide: ChainReader,
      inject: [ChainClientManager, APP_CONFIG],
      useFactory: (clients: ChainClientManager, config: ResolvedConfig) =>
        new ChainReader(clients, config.chain.chainId),
    },
    ...chainResolvers,
  ],
  exports: [ChainClientManager, SignatureVerifier, ChainReader],
})
export class ChainModule {}
