import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import send from '@fastify/send';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Where the built web app is (`npm run build` puts it in dist/web): next to the compiled API
 * (dist/libs/platform/src → dist/web), or, when the API runs from source, in the project's dist/web.
 */
export function webAppDirectory(): string | undefined {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return [join(root, 'web'), join(root, 'dist', 'web')].find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the web app at / from the API's own server: its files (hashed assets cached for good),
 * and index.html for any other GET without a file extension (the app's routes, e.g. /dao/demo); a
 * missing file is a 404. Fastify matches /graphql, /health and /metrics before this wildcard, so
 * they are untouched — except that a browser opening /graphql (a GET asking for HTML, without a
 * query) is sent to the app's GraphQL explorer.
 */
export function serveWebApp(app: NestFastifyApplication, dir: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (
      request.method === 'GET' &&
      request.url === '/graphql' &&
      request.headers.accept?.includes('text/html')
    )
      return void reply.redirect('/explorer', 302);
    done();
  });
  fastify.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0];
    const asset = path.startsWith('/assets/');
    let file = await send(request.raw, path === '/' ? '/index.html' : path, {
      root: dir,
      index: false,
      immutable: asset,
      maxAge: asset ? '1y' : 0,
    });
    if (file.type !== 'file' && extname(path) === '')
      file = await send(request.raw, '/index.html', { root: dir, index: false, maxAge: 0 });
    if (file.type === 'error')
      return reply.code(file.statusCode).type('text/plain').send(`${file.metadata.error.message}: ${path}\n`);
    return reply.code(file.statusCode).headers(file.headers).send(file.stream);
  });
}
