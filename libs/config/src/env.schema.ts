import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a port number')
  .min(1, 'expected a port number from 1 to 65535')
  .max(65_535, 'expected a port number from 1 to 65535');
const positiveInt = z.coerce
  .number({ error: 'expected a positive integer' })
  .int('expected a positive integer')
  .positive('expected a positive integer');
const boolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** `points/seconds`: at most `points` operations in any window of `seconds`, e.g. `600/60`. */
const rate = z
  .string()
  .regex(/^[1-9][0-9]{0,8}\/[1-9][0-9]{0,6}$/, 'expected points/seconds, e.g. 600/60')
  .transform((value) => {
    const [points, seconds] = value.split('/').map(Number) as [number, number];
    return { points, durationSeconds: seconds };
  });

/** A proxy address or network the API may trust X-Forwarded-For from: `10.0.0.5`, `10.0.0.0/8`, `loopback`. */
const isProxyAddress = (entry: string): boolean => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};
const proxyList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .refine((entries) => entries.every(isProxyAddress), {
    error: 'expected comma-separated proxy addresses or networks (10.0.0.5, 10.0.0.0/8, loopback)',
  });

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' })
  .describe('PostgreSQL connection string');
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' });
const privateKey = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex private key')
  .transform((value) => value.toLowerCase() as `0x${string}`);

/**
 * Every environment variable Guildhall reads, in one place. `.env.example` documents each of them;
 * a unit test keeps the two in sync.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  WORKER_PORT: port.default(4001),
  API_WORKERS: positiveInt.max(64).default(1),
  TRUST_PROXY: proxyList.default([]),
  GUILDHALL_HOME: z.string().min(1).default('.guildhall'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: positiveInt.max(200).default(10),
  RPC_URL: httpUrl.optional(),
  CHAIN_ID: positiveInt.optional(),
  DEVNET_PORT: port.default(8545),
  RELAYER_PRIVATE_KEY: privateKey.optional(),
  MAX_TRANSFERS_PER_TX: positiveInt.max(2_000).default(400),
  SAFE_TX_GAS_CAP: positiveInt.default(15_000_000),
  SAFE_CONFIRMATION_DEPTH: z.coerce
    .number({ error: 'expected a block count' })
    .int()
    .min(0)
    .max(1_000)
    .default(0),
  SAFE_REORG_BLOCKS: z.coerce
    .number({ error: 'expected a block count' })
    .int()
    .min(0)
    .max(10_000)
    .default(12),
  GRAPHQL_MAX_DEPTH: positiveInt.max(50).default(10),
  GRAPHQL_MAX_COST: positiveInt.default(5_000),
  GRAPHQL_MAX_ALIASES: positiveInt.default(30),
  GRAPHQL_MAX_PAGE_SIZE: positiveInt.max(1_000).default(100),
  GRAPHQL_INTROSPECTION: boolean.optional(),
  BOOT_TIMEOUT_MS: positiveInt.default(10_000),
  RATE_LIMIT_ENABLED: boolean.optional(),
  RATE_LIMIT_QUERIES: rate.default({ points: 600, durationSeconds: 60 }),
  RATE_LIMIT_MUTATIONS: rate.default({ points: 120, durationSeconds: 60 }),
  RATE_LIMIT_SIGNER_MUTATIONS: rate.default({ points: 60, durationSeconds: 60 }),
  RATE_LIMIT_SUBSCRIPTIONS: rate.default({ points: 60, durationSeconds: 60 }),
  WS_MAX_CONNECTIONS_PER_IP: positiveInt.max(100_000).default(50),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.max(10_000).default(100),
  METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** Variables whose values must never be echoed back in an error message or a log line. */
export const SECRET_VARIABLES: ReadonlySet<keyof Env> = new Set([
  'RELAYER_PRIVATE_KEY',
  'DATABASE_URL',
  'METRICS_TOKEN',
]);
