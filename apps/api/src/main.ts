import 'reflect-metadata';
import { runMain } from '@guildhall/core';
import { Logger } from 'nestjs-pino';
import { createApiApplication, listen } from './bootstrap.js';
import { externalConfig } from './platform.js';

runMain(async () => {
  const config = await externalConfig();
  const app = await createApiApplication(config, { work: false });
  const url = await listen(app, config);
  app.get(Logger).log(`GraphQL API at ${url}`);
});
