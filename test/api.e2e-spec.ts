import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { DaoService } from '@guildhall/dao';
import { DaoDocument, DaosDocument, DaoUpdatedDocument, HealthDocument } from '@guildhall/sdk';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

describe('Guildhall API (real PostgreSQL, devnet with Safe 1.4.1)', () => {
  let stack: TestStack;
  let api: TestApi;

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api({ GRAPHQL_MAX_PAGE_SIZE: '5', GRAPHQL_MAX_DEPTH: '6' });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('serves exactly the committed schema.gql', () => {
    const served = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    const committed = readFileSync(join(import.meta.dirname, '..', 'schema.gql'), 'utf8');
    expect(committed).toContain(served);
  });

  it('reports the database and the chain, each on its own', async () => {
    const { health } = await api.client.request(HealthDocument);
    expect(health.status).toBe('UP');
    expect(health.database.status).toBe('UP');
    expect(health.chain).toMatchObject({ status: 'UP', chainId: 31337 });
    expect(BigInt(health.chain.blockNumber ?? '0')).toBeGreaterThan(0n);

    const response = await fetch(api.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'up',
      database: { status: 'up' },
      chain: { status: 'up', chainId: 31337 },
    });
  });

  it('serves the seeded demo DAO bound to the devnet token and Safe', async () => {
    const { dao } = await api.client.request(DaoDocument, { slug: 'demo' });
    expect(dao).toMatchObject({
      slug: 'demo',
      chainId: 31337,
      governanceToken: stack.chain.stack.governanceToken,
      safeAddress: stack.chain.stack.daoSafe,
    });
  });

  it('answers DAO_NOT_FOUND for an unknown slug', async () => {
    const error = await rejection(api.client.request(DaoDocument, { slug: 'nope' }));
    expect(error).toMatchObject({ code: 'DAO_NOT_FOUND', category: 'NOT_FOUND', retryable: false });
  });

  it('pages through DAOs with cursors and refuses pages above the cap', async () => {
    const daos = api.app.get(DaoService);
    for (let i = 0; i < 6; i += 1) {
      await daos.ensure({
        slug: `paged-${i}`,
        name: `Paged ${i}`,
        chainId: 31337,
        governanceToken: stack.chain.stack.governanceToken,
        safeAddress: stack.chain.stack.daoSafe,
      });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const {
        daos: page,
      }: {
        daos: {
          nodes: Array<{ slug: string }>;
          pageInfo: { endCursor?: string | null; hasNextPage: boolean };
        };
      } = await api.client.request(DaosDocument, { first: 3, after });
      seen.push(...page.nodes.map((dao) => dao.slug));
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
    } while (after !== null);
    expect(seen).toEqual(['demo', ...Array.from({ length: 6 }, (_, i) => `paged-${i}`)]);

    const tooBig = await rejection(api.client.request(DaosDocument, { first: 6 }));
    expect(tooBig).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', category: 'BAD_INPUT' });
    expect(tooBig.message).toBe('first: at most 5 items per page (asked for 6)');

    const forged = await rejection(api.client.request(DaosDocument, { after: 'forged' }));
    expect(forged.code).toBe('BAD_INPUT');
  });

  it.each([
    [
      'GRAPHQL_MAX_DEPTH',
      '2',
      '{ daos { nodes { id } } }',
      'QUERY_TOO_DEEP',
      'Query depth limit of 2 exceeded, found 3.',
    ],
    [
      'GRAPHQL_MAX_ALIASES',
      '2',
      '{ a: health { status } b: health { status } c: health { status } }',
      'TOO_MANY_ALIASES',
      'Aliases limit of 2 exceeded, found 3.',
    ],
    [
      'GRAPHQL_MAX_COST',
      '10',
      '{ daos { nodes { id slug name chainId governanceToken safeAddress } } }',
      'QUERY_TOO_COMPLEX',
      'Query Cost limit of 10 exceeded',
    ],
  ])('with %s=%s, refuses a query over the limit', async (variable, limit, query, code, message) => {
    const strict = await stack.api({ [variable]: limit });
    const document = parse(query) as TypedDocumentNode<unknown, Record<string, never>>;
    const error = await rejection(strict.client.request(document));
    expect(error).toMatchObject({ code, category: 'BAD_INPUT' });
    expect(error.message).toContain(message);
    const withinLimits = parse('{ health { status } }') as TypedDocumentNode<unknown, Record<string, never>>;
    await expect(strict.client.request(withinLimits)).resolves.toEqual({ health: { status: 'UP' } });
  });

  it('fans a DAO update out to subscribers on every API replica', async () => {
    const replica = await stack.api();
    const events = replica.client.subscribe(DaoUpdatedDocument, { slug: 'fanout' });
    const next = events.next();
    // graphql-ws subscribes asynchronously: give the replica a moment to register the listener.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api.app.get(DaoService).ensure({
      slug: 'fanout',
      name: 'Fan-out DAO',
      chainId: 31337,
      governanceToken: stack.chain.stack.governanceToken,
      safeAddress: stack.chain.stack.daoSafe,
    });
    const event = await next;
    expect(event.value).toMatchObject({ daoUpdated: { slug: 'fanout', name: 'Fan-out DAO' } });
    await events.return?.();
  });

  it('exposes Prometheus metrics, including the GraphQL operations it served', async () => {
    const response = await fetch(api.url.replace('/graphql', '/metrics'));
    expect(response.headers.get('content-type')).toContain('text/plain');
    const body = await response.text();
    expect(body).toMatch(/guildhall_graphql_operations_total\{type="query",name="Dao",outcome="ok"\} [1-9]/);
    expect(body).toMatch(
      /guildhall_graphql_operations_total\{type="query",name="Dao",outcome="error"\} [1-9]/,
    );
    expect(body).toContain('guildhall_http_request_duration_seconds_bucket');
    expect(body).toContain('guildhall_process_cpu_seconds_total');
  });

  it('echoes a request id, or makes one', async () => {
    const own = await fetch(api.url.replace('/graphql', '/health'), {
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(own.headers.get('x-request-id')).toBe('trace-42');
    const fresh = await fetch(api.url.replace('/graphql', '/health'));
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
