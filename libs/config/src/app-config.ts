import { isAbsolute, resolve } from 'node:path';
import { ConfigError, ConfigErrorCode } from './config.error.js';
import { EnvSchema, SECRET_VARIABLES, type Env } from './env.schema.js';

/** At most `points` operations in any window of `durationSeconds`. */
export interface Rate {
  readonly points: number;
  readonly durationSeconds: number;
}

export interface RateLimits {
  /**
   * Unset: the process decides (on for `start:api`, off under `guildhall start`); see
   * ResolvedConfig.
   */
  readonly enabled: boolean | undefined;
  /** Queries per client IP. */
  readonly queries: Rate;
  /** Mutations per client IP. */
  readonly mutations: Rate;
  /** Signed writes per signer (the address whose signature was verified). */
  readonly signerMutations: Rate;
  /** Subscriptions started per client IP. */
  readonly subscriptions: Rate;
}

export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly log: { readonly level: Env['LOG_LEVEL']; readonly format: 'pretty' | 'json' };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly workerPort: number;
    /** Processes `start:api` serves from, sharing its port (node:cluster). */
    readonly apiWorkers: number;
    /**
     * Proxies (addresses, networks, or `loopback`…) whose X-Forwarded-For names the client; empty:
     * the client is the TCP peer.
     */
    readonly trustProxy: readonly string[];
  };
  /** Where the embedded stack keeps its data (absolute). */
  readonly home: string;
  readonly database: { readonly url: string | undefined; readonly poolSize: number };
  readonly chain: {
    readonly rpcUrl: string | undefined;
    readonly chainId: number | undefined;
    readonly devnetPort: number;
  };
  readonly relayer: { readonly privateKey: `0x${string}` | undefined };
  readonly treasury: {
    /** ERC20 transfers per MultiSendCallOnly payout transaction, at most. */
    readonly maxTransfersPerTx: number;
    /** Gas one payout transaction may be estimated at; larger batches are split. */
    readonly gasCap: bigint;
    /** Blocks an execution must be buried under before the indexer applies it. */
    readonly confirmationDepth: number;
    /** Blocks the indexer re-reads behind its cursor on every pass, to survive a reorg. */
    readonly reorgBlocks: number;
  };
  readonly graphql: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxAliases: number;
    readonly maxPageSize: number;
    readonly introspection: boolean;
    /** graphql-ws connections one client IP may hold open at once (per API process). */
    readonly maxConnectionsPerIp: number;
    /** Subscriptions one graphql-ws connection may run at once. */
    readonly maxSubscriptionsPerConnection: number;
  };
  readonly rateLimit: RateLimits;
  /** Bearer token /metrics requires; unset: served to loopback clients only, and not in production. */
  readonly metrics: { readonly token: string | undefined };
  readonly bootTimeoutMs: number;
}

/** The configuration once embedded services (if any) are up: every connection is known. */
export interface ResolvedConfig extends AppConfig {
  readonly database: { readonly url: string; readonly poolSize: number };
  readonly chain: { readonly rpcUrl: string; readonly chainId: number; readonly devnetPort: number };
  readonly rateLimit: RateLimits & { readonly enabled: boolean };
}

type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once. Empty strings count as unset, so `.env.example` copied verbatim
 * boots. A bad value stops boot with a {@link ConfigError} naming the variable (never its value
 * when it is a secret).
 */
// eslint-disable-next-line no-restricted-syntax -- the one place the environment is read
export function loadConfig(source: EnvSource = process.env, cwd: string = process.cwd()): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((name) => [name, source[name]])
      .filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;

  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      ConfigErrorCode.INVALID_ENVIRONMENT,
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0]);
        const shown = SECRET_VARIABLES.has(variable as keyof Env)
          ? ''
          : ` (got ${JSON.stringify(relevant[variable])})`;
        return { variable, problem: `${issue.message}${shown}` };
      }),
    );
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    log: {
      level: env.LOG_LEVEL,
      format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty'),
    },
    http: {
      host: env.HOST,
      port: env.PORT,
      workerPort: env.WORKER_PORT,
      apiWorkers: env.API_WORKERS,
      trustProxy: env.TRUST_PROXY,
    },
    home: isAbsolute(env.GUILDHALL_HOME) ? env.GUILDHALL_HOME : resolve(cwd, env.GUILDHALL_HOME),
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    chain: { rpcUrl: env.RPC_URL, chainId: env.CHAIN_ID, devnetPort: env.DEVNET_PORT },
    relayer: { privateKey: env.RELAYER_PRIVATE_KEY },
    treasury: {
      maxTransfersPerTx: env.MAX_TRANSFERS_PER_TX,
      gasCap: BigInt(env.SAFE_TX_GAS_CAP),
      confirmationDepth: env.SAFE_CONFIRMATION_DEPTH,
      reorgBlocks: env.SAFE_REORG_BLOCKS,
    },
    graphql: {
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxCost: env.GRAPHQL_MAX_COST,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxPageSize: env.GRAPHQL_MAX_PAGE_SIZE,
      introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
      maxConnectionsPerIp: env.WS_MAX_CONNECTIONS_PER_IP,
      maxSubscriptionsPerConnection: env.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    },
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED,
      queries: env.RATE_LIMIT_QUERIES,
      mutations: env.RATE_LIMIT_MUTATIONS,
      signerMutations: env.RATE_LIMIT_SIGNER_MUTATIONS,
      subscriptions: env.RATE_LIMIT_SUBSCRIPTIONS,
    },
    metrics: { token: env.METRICS_TOKEN },
    bootTimeoutMs: env.BOOT_TIMEOUT_MS,
  };
}

/**
 * For processes that run against external services only (`start:api`, `start:worker`): both
 * connections must be configured.
 */
export function requireExternalServices(config: AppConfig): AppConfig & {
  database: { url: string; poolSize: number };
  chain: { rpcUrl: string; chainId: number | undefined; devnetPort: number };
} {
  const { url } = config.database;
  const { rpcUrl } = config.chain;
  const missing = [
    url === undefined && {
      variable: 'DATABASE_URL',
      problem: 'required when the API or worker runs on its own',
    },
    rpcUrl === undefined && {
      variable: 'RPC_URL',
      problem: 'required when the API or worker runs on its own',
    },
  ].filter((issue) => issue !== false);
  if (url === undefined || rpcUrl === undefined) {
    throw new ConfigError(ConfigErrorCode.MISSING_VARIABLE, [
      ...missing,
      {
        variable: '(hint)',
        problem: '`npm start` runs the whole stack with embedded PostgreSQL and a devnet',
      },
    ]);
  }
  return { ...config, database: { ...config.database, url }, chain: { ...config.chain, rpcUrl } };
}
