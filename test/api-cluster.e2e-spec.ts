import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { startTestChain, type TestChain } from '@guildhall/chain/testing';
import { freePort } from '@guildhall/config/testing';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { CliRunner } from '../apps/cli/src/testing/cli-runner.js';
import { waitFor } from './support/rounds.js';

/** The pids of `parent`'s child processes, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        return ppid === parent ? [Number(pid)] : [];
      } catch {
        return [];
      }
    });
}

/** One request on a connection of its own (the cluster hands each new connection to the next worker). */
function send(
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: body === undefined ? 'GET' : 'POST',
        agent: false,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** `npm run start:api` with API_WORKERS=2: the built API, as production runs it. */
describe('start:api on several processes (API_WORKERS)', () => {
  let build: CliRunner;
  let database: TestDatabase;
  let chain: TestChain;
  let api: ChildProcess;
  let base: string;
  /** Workers the primary has seen listen, from its log: one answering /health does not mean both do. */
  let listening = 0;
  const QUERY = JSON.stringify({ query: '{ __typename }' });
  const METRICS_TOKEN = 'cluster-metrics-token';
  const answered = (metrics: string) =>
    Number(
      /guildhall_graphql_operations_total\{type="query",name="anonymous",outcome="ok"\} (\d+)/.exec(
        metrics,
      )?.[1],
    );

  beforeAll(async () => {
    build = CliRunner.build();
    [database, chain] = await Promise.all([createTestDatabase(), startTestChain()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [build.path('apps/api/src/main.js')], {
      env: {
        // The child's environment, not configuration.
        // eslint-disable-next-line no-restricted-syntax
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: database.url,
        RPC_URL: chain.rpcUrl,
        API_WORKERS: '2',
        METRICS_TOKEN,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: api.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"API worker listening"')) listening += 1;
    });
    await waitFor(
      async () =>
        listening === 2 &&
        childrenOf(api.pid!).length === 2 &&
        (await send(`${base}/health`).then(
          ({ status }) => status === 200,
          () => false,
        )),
      (ready) => ready,
      'two API workers ready',
    );
  }, 120_000);

  afterAll(async () => {
    if (api?.exitCode === null) api.kill('SIGKILL');
    await Promise.all([database?.drop(), chain?.close()]);
    build?.remove();
  });

  it('serves from every worker, sums their metrics, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const first = childrenOf(api.pid!);
    expect(first).toHaveLength(2);

    const answers = await Promise.all(Array.from({ length: 20 }, () => send(`${base}/graphql`, QUERY)));
    expect(answers.map(({ status, text }) => [status, text])).toEqual(
      Array.from({ length: 20 }, () => [200, '{"data":{"__typename":"Query"}}\n']),
    );
    // Each scrape reaches one worker, which answers for both: the 20 queries, wherever they ran.
    for (let scrape = 0; scrape < 4; scrape += 1) {
      const { status, text } = await send(`${base}/metrics`, undefined, {
        authorization: `Bearer ${METRICS_TOKEN}`,
      });
      expect(status).toBe(200);
      expect(answered(text)).toBe(20);
    }

    process.kill(first[0], 'SIGKILL');
    const replaced = await waitFor(
      () => Promise.resolve(childrenOf(api.pid!)),
      (now) => now.length === 2 && !now.includes(first[0]),
      'a new worker in place of the one killed',
    );
    expect(replaced).toContain(first[1]);
    await waitFor(
      () => send(`${base}/graphql`, QUERY).catch(() => ({ status: 0 })),
      ({ status }) => status === 200,
      'the API answering after the restart',
    );

    const exited = new Promise<number | null>((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(childrenOf(api.pid!)).toEqual([]);
  }, 120_000);
});
