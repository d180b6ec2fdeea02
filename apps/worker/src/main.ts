import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { runMain } from '@guildhall/core';
import { createHttpAdapter, externalConfig, listenOn } from '@guildhall/platform';
import { WorkerModule } from './worker.module.js';

runMain(async () => {
  const config = await externalConfig();
  const app = await NestFactory.create(
    WorkerModule.forRoot(config),
    createHttpAdapter(config.http.trustProxy),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await listenOn(app, config.http.host, config.http.workerPort, 'WORKER_PORT');
  app
    .get(Logger)
    .log(`worker running against chain ${config.chain.chainId}; /health on port ${config.http.workerPort}`);
});
