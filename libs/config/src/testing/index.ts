import { loadConfig, type ResolvedConfig } from '../app-config.js';

/**
 * A resolved configuration for tests: quiet logs, port 0 (a free port), the given connections, no
 * rate limits unless `env` turns them on.
 */
export function testConfig(
  connections: { databaseUrl: string; rpcUrl?: string; chainId?: number },
  env: Record<string, string> = {},
): ResolvedConfig {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PORT: '1',
    WORKER_PORT: '1',
    ...env,
  });
  return {
    ...config,
    http: { ...config.http, port: 0, workerPort: 0 },
    database: { ...config.database, url: connections.databaseUrl, poolSize: 4 },
    chain: {
      ...config.chain,
      rpcUrl: connections.rpcUrl ?? 'http://127.0.0.1:1',
      chainId: connections.chainId ?? 31337,
    },
    rateLimit: { ...config.rateLimit, enabled: config.rateLimit.enabled ?? false },
  };
}

export { freePort } from '@guildhall/core';
