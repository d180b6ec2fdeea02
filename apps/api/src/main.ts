import 'reflect-metadata';
import cluster from 'node:cluster';
import { runMain } from '@guildhall/core';
import { Logger } from 'nestjs-pino';
import { createApiApplication, externalConfig, listen, superviseApiWorkers } from '@guildhall/platform';

runMain(async () => {
  const config = await externalConfig();
  if (cluster.isPrimary && config.http.apiWorkers > 1) {
    superviseApiWorkers(config);
    return;
  }
  const app = await createApiApplication(config, { work: false });
  const url = await listen(app, config);
  app.get(Logger).log(`GraphQL API at ${url}`);
});
