import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, requireExternalServices } from './app-config.js';
import { ConfigError } from './config.error.js';
import { EnvSchema } from './env.schema.js';

const issuesOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('boots with no configuration at all, on embedded defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.http).toEqual({
      host: '127.0.0.1',
      port: 4000,
      workerPort: 4001,
      apiWorkers: 1,
      trustProxy: [],
    });
    expect(config.home).toBe('/srv/app/.guildhall');
    expect(config.database.url).toBeUndefined();
    expect(config.chain).toEqual({ rpcUrl: undefined, chainId: undefined, devnetPort: 8545 });
    expect(config.log.format).toBe('pretty');
    expect(config.graphql.introspection).toBe(true);
  });

  it('treats empty strings as unset, so a verbatim .env.example boots', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).http.port).toBe(4000);
  });

  it('stops on bad values and names every bad variable', () => {
    expect(
      issuesOf(() =>
        loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', CHAIN_ID: '-1', API_WORKERS: '0' }),
      ).sort(),
    ).toEqual(['API_WORKERS', 'CHAIN_ID', 'DATABASE_URL', 'PORT']);
  });

  it('never echoes a secret value in the error message', () => {
    const key = '0x1234';
    try {
      loadConfig({ RELAYER_PRIVATE_KEY: key, PORT: '99999' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('RELAYER_PRIVATE_KEY');
      expect(message).not.toContain(key);
      expect(message).toContain('"99999"');
    }
  });

  it('uses JSON logs and no introspection in production unless told otherwise', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.log.format).toBe('json');
    expect(config.graphql.introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(
      true,
    );
  });

  it('reads rate limits as points/seconds, and leaves them on or off to the process unless told', () => {
    const defaults = loadConfig({}).rateLimit;
    expect(defaults.enabled).toBeUndefined();
    expect(defaults.queries).toEqual({ points: 600, durationSeconds: 60 });
    const set = loadConfig({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_SIGNER_MUTATIONS: '5/1' }).rateLimit;
    expect(set.enabled).toBe(false);
    expect(set.signerMutations).toEqual({ points: 5, durationSeconds: 1 });
    expect(
      issuesOf(() =>
        loadConfig({
          RATE_LIMIT_QUERIES: '600',
          RATE_LIMIT_MUTATIONS: '0/60',
          RATE_LIMIT_SUBSCRIPTIONS: '10/-1',
          RATE_LIMIT_ENABLED: 'yes',
        }),
      ).sort(),
    ).toEqual([
      'RATE_LIMIT_ENABLED',
      'RATE_LIMIT_MUTATIONS',
      'RATE_LIMIT_QUERIES',
      'RATE_LIMIT_SUBSCRIPTIONS',
    ]);
  });

  it('trusts X-Forwarded-For only from the listed proxies', () => {
    expect(loadConfig({}).http.trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1' }).http.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::1',
    ]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1/8/8']) {
      expect(issuesOf(() => loadConfig({ TRUST_PROXY: bad }))).toEqual(['TRUST_PROXY']);
    }
  });

  it('never echoes METRICS_TOKEN, and refuses a short one', () => {
    try {
      loadConfig({ METRICS_TOKEN: 'short-secret' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('METRICS_TOKEN');
      expect((error as ConfigError).message).not.toContain('short-secret');
    }
  });

  it('requires both connections for a process that runs on its own', () => {
    expect(issuesOf(() => requireExternalServices(loadConfig({})))).toEqual([
      'DATABASE_URL',
      'RPC_URL',
      '(hint)',
    ]);
    const external = requireExternalServices(
      loadConfig({ DATABASE_URL: 'postgres://db/guildhall', RPC_URL: 'http://node:8545' }),
    );
    expect(external.database.url).toBe('postgres://db/guildhall');
  });
});

describe('.env.example', () => {
  it('documents exactly the variables of the schema', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });
});
