import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { CommonError, CommonErrorCode } from '@guildhall/core';
import type { ResolvedConfig } from '@guildhall/config';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { createHttpAdapter } from './http-adapter.js';
import { serveWebApp, webAppDirectory } from './web-app.js';

/**
 * Builds the API (and, in embedded mode, the worker) without listening yet; it serves the built web
 * app at / when there is one (`npm run build`).
 */
export async function createApiApplication(
  config: ResolvedConfig,
  options: AppModuleOptions & {
    /** Close on SIGINT/SIGTERM (default). The embedded stack closes the app itself, then its services. */
    readonly shutdownHooks?: boolean;
  },
): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    createHttpAdapter(config.http.trustProxy),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  const web = webAppDirectory();
  if (web === undefined)
    app.get(Logger).warn('No web app to serve at /: `npm run build` builds it into dist/web');
  else serveWebApp(app, web);
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  return app;
}

/** Listens on HOST:PORT (0 picks a free port) and returns the GraphQL URL. */
export async function listen(app: INestApplication, config: ResolvedConfig): Promise<string> {
  await listenOn(app, config.http.host, config.http.port, 'PORT');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return `http://${host}:${port}/graphql`;
}

/** A port already taken is a clear error naming the port and the variable that sets it. */
export async function listenOn(
  app: INestApplication,
  host: string,
  port: number,
  variable: string,
): Promise<void> {
  try {
    await app.listen(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await app.close();
    throw new CommonError(
      CommonErrorCode.PORT_IN_USE,
      `Port ${port} on ${host} is already in use: stop whatever holds it or set ${variable}`,
      { port },
      { cause: error },
    );
  }
}
