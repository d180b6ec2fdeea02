import type { ApiKeys } from '@guildhall/database';
import { testConfig } from '@guildhall/config/testing';
import type { DataSource } from 'typeorm';
import { RateLimits } from './rate-limits.service.js';

/** A DataSource whose pool answers every rate-limit statement with `answer` (no database). */
const store = (answer: () => Promise<unknown>) =>
  ({ driver: { master: { query: answer } } }) as unknown as DataSource;

const keys = { isValid: (key: string) => Promise.resolve(key === 'gh_valid') } as unknown as ApiKeys;

const limits = (answer: () => Promise<unknown>, env: Record<string, string> = {}) =>
  new RateLimits(
    testConfig(
      { databaseUrl: 'postgres://127.0.0.1/unused' },
      { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_QUERIES: '3/60', ...env },
    ),
    store(answer),
    keys,
  );

const refusal = async (run: Promise<unknown>) =>
  run.then(
    () => 'admitted',
    (error: unknown) => error,
  );

describe('RateLimits', () => {
  it('refuses past the limit with RATE_LIMITED, saying how long to wait', async () => {
    const over = limits(() => Promise.resolve({ rows: [{ points: 4, expire: Date.now() + 29_500 }] }));
    expect(await refusal(over.consume('query', '203.0.113.7'))).toMatchObject({
      code: 'RATE_LIMITED',
      category: 'RATE_LIMITED',
      message: 'Too many queries from this address: at most 3 every 60 s; retry in 30 s',
      details: { limit: 'query', retryAfterSeconds: 30 },
    });
    const under = limits(() => Promise.resolve({ rows: [{ points: 3, expire: Date.now() + 1_000 }] }));
    expect(await refusal(under.consume('query', '203.0.113.7'))).toBe('admitted');
  });

  it('lets requests through when the counters cannot be read', async () => {
    const down = limits(() => Promise.reject(new Error('connection terminated')));
    expect(await refusal(down.consume('query', '203.0.113.7'))).toBe('admitted');
  });

  it('checks API keys only while limits are on', async () => {
    const unused = () => Promise.reject(new Error('not asked'));
    expect(await limits(unused).exempt('gh_valid')).toBe(true);
    expect(await limits(unused).exempt(undefined)).toBe(false);
    expect(await refusal(limits(unused).exempt('gh_revoked'))).toMatchObject({ code: 'API_KEY_INVALID' });
    expect(await limits(unused, { RATE_LIMIT_ENABLED: 'false' }).exempt('gh_revoked')).toBe(false);
  });

  it('counts a signed write only inside a mutation without an API key', async () => {
    const over = () => Promise.resolve({ rows: [{ points: 99, expire: Date.now() + 5_000 }] });
    const signer = '0x0000000000000000000000000000000000000001';
    const limited = limits(over, { RATE_LIMIT_SIGNER_MUTATIONS: '2/60' });
    expect(await refusal(limited.admit(signer))).toBe('admitted'); // the worker, a test: no request
    expect(await refusal(limited.runMutation(true, () => limited.admit(signer)))).toBe('admitted');
    expect(await refusal(limited.runMutation(false, () => limited.admit(signer)))).toMatchObject({
      code: 'RATE_LIMITED',
      details: { limit: 'signer' },
    });
  });
});
