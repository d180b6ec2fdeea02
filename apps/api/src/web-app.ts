import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Where the built web app is (`npm run build` puts it in dist/web): next to the compiled API
 * (dist/apps/api/src → dist/web), or, when the API runs from source, in the project's dist/web.
 */
export function webAppDirectory(): string | undefined {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return [join(root, 'web'), join(root, 'dist', 'web')].find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the web app at / from the API's own server: its files, and index.html for any other GET
 * (the app's routes, e.g. /dao/demo) — but a missing file (a path with an extension) is a 404.
 * Fastify matches /graphql, /health and /metrics before this wildcard, so they are untouched.
 */
export async function serveWebApp(app: NestFastifyApplication, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0]).replace(/^\/+/, '');
    const file = join(dir, path);
    if (path !== '' && !path.split('/').includes('..') && existsSync(file) && statSync(file).isFile()) {
      // Hashed asset names change with their content: cache them for good.
      const immutable = path.startsWith('assets/');
      return reply.sendFile(path, { immutable, maxAge: immutable ? '1y' : 0 });
    }
    if (extname(path) !== '') return reply.code(404).type('text/plain').send(`Not found: /${path}\n`);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
