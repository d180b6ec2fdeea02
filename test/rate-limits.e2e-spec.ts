import { createHash } from 'node:crypto';
import { ApiKeys } from '@guildhall/database';
import {
  CastVoteDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  DaosDocument,
  GuildhallClient,
  UpsertContributorProfileDocument,
  type GuildhallSigner,
} from '@guildhall/sdk';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CliRunner } from '../apps/cli/src/testing/cli-runner.js';
import { devSigner, permissiveRules, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const LIMITS = {
  GRAPHQL_MAX_DEPTH: '3',
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_QUERIES: '3/60',
  RATE_LIMIT_MUTATIONS: '100/60',
  RATE_LIMIT_SIGNER_MUTATIONS: '2/60',
  RATE_LIMIT_SUBSCRIPTIONS: '100/60',
  WS_MAX_CONNECTIONS_PER_IP: '2',
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
};

/** What graphql-ws reports of a closed socket. */
interface Closed {
  readonly code: number;
  readonly reason: string;
}

const DAOS = '{ daos(first: 1) { nodes { slug } } }';
const DAO_UPDATED = 'subscription { daoUpdated(slug: "demo") { slug } }';

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

const profile = (signer: GuildhallSigner, handle: string) =>
  signer.upsertContributorProfile({ dao: 'demo', handle });

/** A graphql-ws client that does not reconnect, and how its socket was closed, if it was. */
function wsClient(
  url: string,
  headers: Record<string, string> = {},
): { client: Client; connected: Promise<void>; closed: Promise<Closed> } {
  let onConnected!: () => void;
  let onClosed!: (event: Closed) => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const closed = new Promise<Closed>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    lazy: false,
    retryAttempts: 0,
    // A refused connection is what some tests expect: `closed` reports it.
    onNonLazyError: () => undefined,
    on: { connected: () => onConnected(), closed: (event) => onClosed(event as Closed) },
  });
  return { client, connected, closed };
}

/** Starts a subscription; resolves with its errors if the server refuses it, or 'running' after a while. */
function subscribe(
  client: Client,
): Promise<'running' | readonly { message: string; extensions?: unknown }[]> {
  return new Promise((resolve) => {
    client.subscribe(
      { query: DAO_UPDATED },
      {
        next: () => undefined,
        error: (errors) => resolve(errors as readonly { message: string }[]),
        complete: () => undefined,
      },
    );
    setTimeout(() => resolve('running'), 500);
  });
}

describe('rate limits, API keys and graphql-ws caps (real PostgreSQL, two API replicas)', () => {
  let stack: TestStack;
  let a: TestApi;
  let b: TestApi;
  /** Trusts no proxy: its clients are their TCP peers. */
  let direct: TestApi;

  beforeAll(async () => {
    stack = await TestStack.start();
    // a and b sit behind a (pretend) proxy on the loopback interface: they key clients by
    // X-Forwarded-For, so each test is a client of its own (a refused client is also blocked in
    // each process's memory until its window ends).
    a = await stack.api({ ...LIMITS, TRUST_PROXY: 'loopback' });
    b = await stack.api({ ...LIMITS, TRUST_PROXY: 'loopback' }, { work: false });
    direct = await stack.api(LIMITS, { work: false });
  });

  afterAll(() => stack?.close());

  it("manages API keys with the operator's CLI: shown once, listed without the key, refused once revoked", async () => {
    const cli = CliRunner.build();
    try {
      const env = { DATABASE_URL: stack.database.url };
      const created = await cli.json<{ id: string; name: string; key: string }>(
        ['api-key', 'create', '--name', 'Front end'],
        env,
      );
      expect(created.name).toBe('Front end');
      expect(created.key).toMatch(/^gh_/);
      for (let i = 0; i < 4; i += 1) {
        expect((await post(a.url, DAOS, { 'x-api-key': created.key })).status).toBe(200);
      }
      const listed = await cli.run(['api-key', 'list'], env);
      expect(listed.stdout).toContain(created.id);
      expect(listed.stdout).not.toContain(created.key);

      const revoked = await cli.json<{ id: string; revokedAt: string | null }>(
        ['api-key', 'revoke', created.id],
        env,
      );
      expect(revoked.id).toBe(created.id);
      expect(revoked.revokedAt).not.toBeNull();
      expect(
        (await post(b.url, DAOS, { 'x-api-key': created.key })).body.errors?.[0].extensions,
      ).toMatchObject({ code: 'API_KEY_INVALID' });
      const unknown = await cli.run(['api-key', 'revoke', '00000000-0000-4000-8000-000000000000'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No API key has the id 00000000-0000-4000-8000-000000000000');
      const noDatabase = await cli.run(['api-key', 'list'], { DATABASE_URL: '' });
      expect(noDatabase.code).toBe(1);
      expect(noDatabase.stderr).toContain('DATABASE_URL');
    } finally {
      cli.remove();
    }
  }, 120_000);

  it('refuses the query past the per-IP limit with RATE_LIMITED, 429 and Retry-After, counted across replicas', async () => {
    const client = { 'x-forwarded-for': '192.0.2.1' };
    for (const api of [a, b, a]) expect((await post(api.url, DAOS, client)).status).toBe(200);

    const refused = await post(b.url, DAOS, client);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      category: 'RATE_LIMITED',
      retryable: true,
      retryAfterSeconds: Number(refused.retryAfter),
      details: { limit: 'query' },
    });
    expect(refused.body.errors?.[0].message).toMatch(/at most 3 every 60 s/);

    const sdk = new GuildhallClient({ url: a.url, headers: client });
    const error = await rejection(sdk.request(DaosDocument, { first: 1 }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', category: 'RATE_LIMITED', retryable: true });

    // Once refused by a process, the client is refused from its memory: no more database work.
    const counted = async () => {
      const rows: Array<{ points: number }> = await stack.database.dataSource.query(
        'SELECT points FROM rate_limit WHERE key = $1',
        ['query:192.0.2.1'],
      );
      return rows[0].points;
    };
    const before = await counted();
    for (const api of [a, b, a, b]) expect((await post(api.url, DAOS, client)).status).toBe(429);
    expect(await counted()).toBe(before);
  });

  it('keys clients by X-Forwarded-For only from a trusted proxy (TRUST_PROXY)', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    // b trusts its loopback peer: each forwarded client has a limit of its own. So does a, sharing
    // the counts.
    for (let i = 0; i < 3; i += 1) expect((await post(b.url, DAOS, from('203.0.113.7'))).status).toBe(200);
    expect((await post(b.url, DAOS, from('203.0.113.7'))).status).toBe(429);
    expect((await post(a.url, DAOS, from('203.0.113.7'))).status).toBe(429);
    expect((await post(b.url, DAOS, from('203.0.113.8'))).status).toBe(200);

    // `direct` trusts no proxy: a forged X-Forwarded-For changes nothing, the peer is the client.
    for (let i = 0; i < 3; i += 1)
      expect((await post(direct.url, DAOS, from(`198.51.100.${i}`))).status).toBe(200);
    expect((await post(direct.url, DAOS, from('198.51.100.9'))).status).toBe(429);
  });

  it('counts signed writes by the verified signer: a forged envelope in its name costs it nothing', async () => {
    const alice = devSigner(1);
    const bob = devSigner(2);
    for (let i = 0; i < 3; i += 1) {
      const forged = await profile(bob, `forged-${i}`);
      const refused = await rejection(
        a.client.request(UpsertContributorProfileDocument, {
          ...forged,
          input: { ...forged.input, from: alice.address },
        }),
      );
      expect(refused.code).toBe('INVALID_SIGNATURE');
    }

    await a.client.request(UpsertContributorProfileDocument, await profile(alice, 'alice-one'));
    await b.client.request(UpsertContributorProfileDocument, await profile(alice, 'alice-two'));
    const limited = await rejection(
      a.client.request(UpsertContributorProfileDocument, await profile(alice, 'alice-three')),
    );
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 'signer' } });

    // Another signer from the same address is not limited by Alice's writes.
    const { upsertContributorProfile } = await b.client.request(
      UpsertContributorProfileDocument,
      await profile(bob, 'bob-one'),
    );
    expect(upsertContributorProfile.handle).toBe('bob-one');

    const raw = await fetch(a.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($input: UpsertContributorProfileInput!, $signature: Hex!) { upsertContributorProfile(input: $input, signature: $signature) { handle } }',
        variables: await profile(alice, 'alice-four'),
      }),
    });
    // Refused while the operation ran (the answer has data: null): HTTP 200, with Retry-After.
    expect(raw.status).toBe(200);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await raw.json()).toMatchObject({
      data: null,
      errors: [{ extensions: { code: 'RATE_LIMITED' } }],
    });
  });

  it('counts votes, which are written in batches, by their signer too', async () => {
    const dave = devSigner(4);
    const erin = devSigner(5);
    await a.client.request(
      CreateDaoDocument,
      await dave.createDao({
        dao: 'limits-guild',
        name: 'Limits Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    const { createProposal: proposal } = await a.client.request(
      CreateProposalDocument,
      await dave.createProposal({
        dao: 'limits-guild',
        title: 'Limits',
        voteType: 'basic',
        choices: ['For', 'Against', 'Abstain'],
      }),
    );
    const vote = async (choice: number) =>
      a.client.request(
        CastVoteDocument,
        await erin.castVote({ dao: 'limits-guild', proposal: proposal.id, choice }),
      );
    // A changed vote must be signed later than the one it replaces (timestamps are in seconds).
    expect((await vote(1)).castVote.voteCount).toBe(1);
    await sleep(1_100);
    expect((await vote(2)).castVote.voteCount).toBe(1);
    await sleep(1_100);
    expect(await rejection(vote(3))).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 'signer' } });
  });

  it('lifts every limit for a valid API key, and refuses the key once revoked', async () => {
    const keys = a.app.get(ApiKeys);
    const { key, record } = await keys.create('Acme indexer');
    expect(key).toMatch(/^gh_[A-Za-z0-9_-]{43}$/);
    const stored: Array<{ key_hash: string }> = await stack.database.dataSource.query(
      'SELECT key_hash FROM api_key WHERE id = $1',
      [record.id],
    );
    expect(stored[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));

    const client = { 'x-forwarded-for': '192.0.2.3' };
    for (let i = 0; i < 3; i += 1) expect((await post(a.url, DAOS, client)).status).toBe(200);
    expect((await post(a.url, DAOS, client)).status).toBe(429);
    for (const api of [a, b, a, b, a]) {
      expect((await post(api.url, DAOS, { ...client, 'x-api-key': key })).status).toBe(200);
    }
    const integrator = new GuildhallClient({ url: b.url, headers: { 'x-api-key': key } });
    const carol = devSigner(3);
    for (const handle of ['carol-one', 'carol-two', 'carol-three', 'carol-four']) {
      const { upsertContributorProfile } = await integrator.request(
        UpsertContributorProfileDocument,
        await profile(carol, handle),
      );
      expect(upsertContributorProfile.handle).toBe(handle);
    }

    await keys.revoke(record.id);
    const refused = await post(b.url, DAOS, { 'x-api-key': key });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'API_KEY_INVALID' });
    expect(await rejection(integrator.request(DaosDocument, { first: 1 }))).toMatchObject({
      code: 'API_KEY_INVALID',
      category: 'UNAUTHORIZED',
    });
    const unknown = await post(a.url, DAOS, { 'x-api-key': 'gh_not-a-key' });
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'API_KEY_INVALID' });
  });

  it('caps operations per graphql-ws connection and connections per client IP', async () => {
    const first = wsClient(a.url);
    await first.connected;
    expect(await subscribe(first.client)).toBe('running');
    expect(await subscribe(first.client)).toBe('running');
    const third = await subscribe(first.client);
    expect(third).not.toBe('running');
    expect(third[0]).toMatchObject({
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', category: 'CONFLICT', details: { max: 2 } },
    });

    const second = wsClient(a.url);
    await second.connected;
    const refused = wsClient(a.url);
    const closed = await refused.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toBe('Too many connections from this address: at most 2 at once');

    // A connection that ends frees its place.
    await second.client.dispose();
    const again = wsClient(a.url);
    await again.connected;
    expect(await subscribe(again.client)).toBe('running');
    await Promise.all([first.client.dispose(), again.client.dispose(), refused.client.dispose()]);
  });

  it('applies the query depth and alias limits over graphql-ws as over HTTP', async () => {
    const deep = '{ attestations(dao: "demo", first: 1) { nodes { model { name } } } }';
    const aliased = `{ ${Array.from({ length: 31 }, (_, i) => `h${i}: health { status }`).join(' ')} }`;
    const socket = wsClient(a.url, { 'x-forwarded-for': '192.0.2.5' });
    await socket.connected;
    const run = (query: string) =>
      new Promise<unknown>((resolve) =>
        socket.client.subscribe({ query }, { next: resolve, error: resolve, complete: () => undefined }),
      );
    expect(await run(deep)).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }) as unknown }),
    ]);
    expect(await run(aliased)).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'TOO_MANY_ALIASES' }) as unknown,
      }),
    ]);
    expect(await run('{ health { status } }')).toMatchObject({ data: { health: { status: 'UP' } } });
    await socket.client.dispose();
  });

  it('counts operations sent over graphql-ws against the client IP, unless the upgrade carried an API key', async () => {
    const query = (client: Client): Promise<unknown> =>
      new Promise((resolve) => {
        client.subscribe(
          { query: DAOS },
          { next: resolve, error: (errors) => resolve({ errors }), complete: () => undefined },
        );
      });
    const client = { 'x-forwarded-for': '192.0.2.4' };
    const socket = wsClient(b.url, client);
    await socket.connected;
    for (let i = 0; i < 3; i += 1) {
      expect(await query(socket.client)).toMatchObject({ data: { daos: { nodes: [{ slug: 'demo' }] } } });
    }
    expect(await query(socket.client)).toMatchObject({
      errors: [{ extensions: { code: 'RATE_LIMITED', details: { limit: 'query' } } }],
    });
    await socket.client.dispose();

    const keys = a.app.get(ApiKeys);
    const { key, record } = await keys.create('Socket integrator');
    const keyed = wsClient(b.url, { ...client, 'x-api-key': key });
    await keyed.connected;
    for (let i = 0; i < 5; i += 1) {
      expect(await query(keyed.client)).toMatchObject({ data: { daos: { nodes: [{ slug: 'demo' }] } } });
    }
    await keyed.client.dispose();

    await keys.revoke(record.id);
    const revoked = wsClient(b.url, { 'x-api-key': key });
    expect(await revoked.closed).toMatchObject({
      code: 4403,
      reason: expect.stringContaining('names no valid API key') as string,
    });
    await revoked.client.dispose();
  });
});

describe('production mode: no schema suggestions, /metrics behind METRICS_TOKEN', () => {
  const TOKEN = 'metrics-token-for-the-e2e-test';
  let stack: TestStack;
  let development: TestApi;
  let production: TestApi;
  let productionWithoutToken: TestApi;

  beforeAll(async () => {
    stack = await TestStack.start();
    development = await stack.api();
    production = await stack.api({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN }, { work: false });
    productionWithoutToken = await stack.api({ NODE_ENV: 'production' }, { work: false });
  });

  afterAll(() => stack?.close());

  it('suggests field names in development only', async () => {
    const typo = '{ dao(slug: "demo") { slgu } }';
    const dev = await post(development.url, typo);
    expect(dev.body.errors?.[0].message).toMatch(/Did you mean "slug"\?/);
    const prod = await post(production.url, typo);
    expect(prod.status).toBe(400);
    expect(prod.body.errors?.[0].message).toBe('Cannot query field "slgu" on type "Dao".');

    // A variable's enum value is suggested by coercion, not validation; graphql-ws validates apart.
    const enumTypo = (api: TestApi) =>
      fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($state: ProposalState) { proposals(dao: "demo", state: $state) { nodes { id } } }',
          variables: { state: 'ACTVE' },
        }),
      }).then(async (response) => ((await response.json()) as Answer['body']).errors?.[0].message);
    expect(await enumTypo(development)).toMatch(/Did you mean the enum value "ACTIVE"\?/);
    expect(await enumTypo(production)).toBe(
      'Variable "$state" got invalid value "ACTVE"; Value "ACTVE" does not exist in "ProposalState" enum.',
    );
    const socket = wsClient(production.url);
    await socket.connected;
    const overSocket = await new Promise<unknown>((resolve) =>
      socket.client.subscribe({ query: typo }, { next: resolve, error: resolve, complete: () => undefined }),
    );
    expect(overSocket).toEqual([
      expect.objectContaining({ message: 'Cannot query field "slgu" on type "Dao".' }),
    ]);
    await socket.client.dispose();
  });

  it('serves /metrics with the bearer token only, and not at all in production without one', async () => {
    const metrics = (api: TestApi, headers: Record<string, string> = {}) =>
      fetch(api.url.replace('/graphql', '/metrics'), { headers });
    expect((await metrics(production)).status).toBe(401);
    expect((await metrics(production, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(
      401,
    );
    const scraped = await metrics(production, { authorization: `Bearer ${TOKEN}` });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('guildhall_http_request_duration_seconds_bucket');

    const refused = await metrics(productionWithoutToken);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('METRICS_TOKEN');
    // Outside production, without a token: loopback clients (this test) are served.
    expect((await metrics(development)).status).toBe(200);
  });
});
