import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager } from './clients/chain-client-manager.js';
import { SignatureVerifier } from './signatures/signature-verifier.js';

/** The chain adapters as Nest providers: one public client per chain, one signature verifier. */
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
  ],
  exports: [ChainClientManager, SignatureVerifier],
})
export class ChainModule {}
