import 'reflect-metadata';
import { loadConfig, requireExternalServices } from '@guildhall/config';
import { readChainId } from '@guildhall/chain';
import { runMain } from '@guildhall/core';
import { Logger } from 'nestjs-pino';
import { createApiApplication, listen } from './bootstrap.js';

runMain(async () => {
  const external = requireExternalServices(loadConfig());
  const chainId = await readChainId(external.chain.rpcUrl, {
    expectedChainId: external.chain.chainId,
    timeoutMs: external.bootTimeoutMs,
  });
  const config = { ...external, chain: { ...external.chain, chainId } };
  const app = await createApiApplication(config, { work: false });
  const url = await listen(app, config);
  app.get(Logger).log(`GraphQL API at ${url}`);
});
