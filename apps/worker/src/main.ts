import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig, requireExternalServices } from '@guildhall/config';
import { readChainId } from '@guildhall/chain';
import { runMain } from '@guildhall/core';
import { listenOn } from '../../api/src/bootstrap.js';
import { WorkerModule } from './worker.module.js';

runMain(async () => {
  const external = requireExternalServices(loadConfig());
  const chainId = await readChainId(external.chain.rpcUrl, {
    expectedChainId: external.chain.chainId,
    timeoutMs: external.bootTimeoutMs,
  });
  const config = { ...external, chain: { ...external.chain, chainId } };
  const app = await NestFactory.create(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await listenOn(app, config.http.host, config.http.workerPort, 'WORKER_PORT');
  app.get(Logger).log(`worker running against chain ${chainId}; /health on port ${config.http.workerPort}`);
});
