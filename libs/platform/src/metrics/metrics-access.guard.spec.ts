import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { testConfig } from '@guildhall/config/testing';
import { MetricsAccessGuard } from './metrics-access.guard.js';

const TOKEN = 'a-metrics-token-of-some-length';

const guard = (env: Record<string, string>) =>
  new MetricsAccessGuard(testConfig({ databaseUrl: 'postgres://127.0.0.1/unused' }, env));

const scrape = (ip: string, authorization?: string) =>
  ({
    switchToHttp: () => ({
      getRequest: () => ({ ip, headers: authorization === undefined ? {} : { authorization } }),
    }),
  }) as unknown as ExecutionContext;

const outcome = (run: () => boolean): string => {
  try {
    return run() ? 'served' : 'refused';
  } catch (error) {
    if (error instanceof UnauthorizedException) return '401';
    if (error instanceof ForbiddenException) return '403';
    throw error;
  }
};

describe('MetricsAccessGuard', () => {
  it.each([
    [
      'token set, right bearer, any address',
      { METRICS_TOKEN: TOKEN },
      '203.0.113.7',
      `Bearer ${TOKEN}`,
      'served',
    ],
    ['token set, wrong bearer', { METRICS_TOKEN: TOKEN }, '127.0.0.1', `Bearer ${TOKEN}x`, '401'],
    ['token set, no header, even from loopback', { METRICS_TOKEN: TOKEN }, '127.0.0.1', undefined, '401'],
    [
      'token set in production',
      { NODE_ENV: 'production', METRICS_TOKEN: TOKEN },
      '::1',
      `Bearer ${TOKEN}`,
      'served',
    ],
    ['no token, production, loopback', { NODE_ENV: 'production' }, '127.0.0.1', undefined, '403'],
    ['no token, development, IPv4 loopback', {}, '127.0.0.1', undefined, 'served'],
    ['no token, development, IPv6 loopback', {}, '::1', undefined, 'served'],
    ['no token, development, IPv4-mapped loopback', {}, '::ffff:127.0.0.1', undefined, 'served'],
    ['no token, development, another address', {}, '10.1.2.3', undefined, '403'],
  ])('%s', (_, env, ip, authorization, expected) => {
    expect(outcome(() => guard(env).canActivate(scrape(ip, authorization)))).toBe(expected);
  });
});
