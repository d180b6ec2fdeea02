import { expect, test } from '@playwright/test';
import { WebStack } from './support/stack.js';

let stack: WebStack;

test.beforeAll(async () => {
  stack = await WebStack.start();
});

test.afterAll(async () => {
  await stack?.close();
});

test('the API serves the app: its routes, its assets, a 404 for a missing file; /health and /metrics as before', async ({
  request,
}) => {
  for (const path of ['/', '/dao/demo', '/explorer']) {
    const response = await request.get(`${stack.baseUrl}${path}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    expect(await response.text()).toContain('<div id="root"></div>');
  }
  const html = await (await request.get(stack.baseUrl)).text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  const asset = await request.get(`${stack.baseUrl}${script}`);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['cache-control']).toContain('immutable');
  expect((await request.get(`${stack.baseUrl}/assets/missing.js`)).status()).toBe(404);
  expect((await request.get(`${stack.baseUrl}/../package.json`)).status()).not.toBe(200);

  const health = await request.get(`${stack.baseUrl}/health`);
  expect(health.headers()['content-type']).toContain('application/json');
  expect(await health.json()).toMatchObject({ status: 'up' });
  expect(await (await request.get(`${stack.baseUrl}/metrics`)).text()).toContain('# TYPE');
  // A GraphQL GET (no HTML asked for) is still GraphQL's.
  const query = await request.get(
    `${stack.baseUrl}/graphql?query=${encodeURIComponent('{ health { status } }')}`,
    {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    },
  );
  expect(await query.json()).toEqual({ data: { health: { status: 'UP' } } });
});

test('a browser opening /graphql lands in the explorer, which runs a query with no internet', async ({
  page,
  context,
}) => {
  // Offline but for the stack itself: any other host (a CDN) is unreachable.
  const origin = new URL(stack.baseUrl).origin;
  const elsewhere: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      elsewhere.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  await page.goto(`${stack.baseUrl}/graphql`);
  await expect(page).toHaveURL(`${stack.baseUrl}/explorer`);
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /Execute query/ }).click();
  await expect(page.locator('.graphiql-response')).toContainText('"slug": "demo"', { timeout: 30_000 });
  expect(elsewhere).toEqual([]);
});
