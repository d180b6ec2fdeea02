import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AppConfig, ResolvedConfig } from '@guildhall/config';
import {
  ChainError,
  ChainErrorCode,
  DEV_ACCOUNTS,
  deployDevStack,
  Devnet,
  readChainId,
  type DevStack,
} from '@guildhall/chain';
import {
  connectDataSource,
  LOCK_FILE_NAME,
  lockDirectory,
  runMigrations,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@guildhall/database';
import { DaoService } from '@guildhall/dao';
import { createApiApplication, listen } from '@guildhall/platform';
import type { Progress } from '../progress.js';

export const DEMO_DAO_SLUG = 'demo';

/** The dev account that relays Safe transactions on the devnet (when RELAYER_PRIVATE_KEY is unset). */
export const DEV_RELAYER_ACCOUNT = 9;

interface Services {
  readonly config: ResolvedConfig;
  readonly devStack: DevStack | undefined;
  readonly embeddedDatabase: boolean;
  readonly close: () => Promise<void>;
}

export interface EmbeddedStack extends Services {
  readonly app: INestApplication;
  readonly graphqlUrl: string;
  /** Slug of the seeded demo DAO (only on the devnet). */
  readonly demoDao: string | undefined;
}

export interface EmbeddedStackOptions {
  /** Wipe GUILDHALL_HOME first. */
  readonly fresh: boolean;
  readonly progress: Progress;
  /** Told why GUILDHALL_HOME is being reset. */
  readonly notice: (message: string) => void;
}

/**
 * The whole stack in one process. What is not configured is embedded: PostgreSQL under GUILDHALL_HOME
 * when DATABASE_URL is unset, an in-process devnet (Safe 1.4.1, tokens, funded dev accounts, a
 * 2-of-3 Safe) when RPC_URL is unset. The devnet journals its transactions under GUILDHALL_HOME
 * and replays them on restart, so a kept database never points at a chain that is gone; when the
 * journal cannot be replayed (or is missing), both are reset with a clear notice. GUILDHALL_HOME is
 * locked first: a second process, `--fresh` included, is refused with `EMBEDDED_DATA_DIR_LOCKED`.
 */
export async function startEmbeddedStack(
  config: AppConfig,
  options: EmbeddedStackOptions,
): Promise<EmbeddedStack> {
  const { progress } = options;
  const paths = {
    home: config.home,
    pgdata: join(config.home, 'pgdata'),
    journal: join(config.home, 'devnet.journal'),
  };
  // The lock comes first: nothing below (not even --fresh) touches a home another process uses.
  await mkdir(paths.home, { recursive: true });
  const lock = await lockDirectory(paths.home);
  if (lock.tookOverFrom !== undefined) {
    options.notice(
      `Took over ${paths.home} from process ${lock.tookOverFrom.pid}, which stopped without releasing it.`,
    );
  }
  const reset = async (reason: string): Promise<void> => {
    const entries = (await readdir(paths.home)).filter((entry) => entry !== LOCK_FILE_NAME);
    if (entries.length === 0) return;
    options.notice(`Resetting ${paths.home}: ${reason}.`);
    for (const entry of entries) await rm(join(paths.home, entry), { recursive: true, force: true });
  };

  let services: Services;
  try {
    if (options.fresh) await reset('starting fresh (--fresh)');
    const embeddedBoth = config.database.url === undefined && config.chain.rpcUrl === undefined;
    if (embeddedBoth && existsSync(paths.pgdata) && !existsSync(paths.journal)) {
      await reset('the embedded database has no devnet journal to go with it');
    }
    try {
      services = await startServices(config, paths, progress);
    } catch (error) {
      if (!(embeddedBoth && error instanceof ChainError && error.code === ChainErrorCode.JOURNAL_DIVERGED))
        throw error;
      progress.fail(error.message);
      await reset('the devnet journal could not be replayed');
      services = await startServices(config, paths, progress);
    }
  } catch (error) {
    await lock.release();
    throw error;
  }

  let app: INestApplication | undefined;
  try {
    progress.start('Starting the API and the worker');
    app = await createApiApplication(services.config, { work: true, shutdownHooks: false });
    await app.init();
    const dao = services.devStack === undefined ? undefined : await seedDemoDao(app, services.devStack);
    const graphqlUrl = await listen(app, services.config);
    progress.succeed(`API and worker ready at ${graphqlUrl}`);
    const started = app;
    return {
      ...services,
      app: started,
      graphqlUrl,
      demoDao: dao?.slug,
      close: async () => {
        await started.close();
        await services.close();
        await lock.release();
      },
    };
  } catch (error) {
    progress.fail('Start failed');
    await app?.close();
    await services.close();
    await lock.release();
    throw error;
  }
}

async function startServices(
  config: AppConfig,
  paths: { pgdata: string; journal: string },
  progress: Progress,
): Promise<Services> {
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const step of closers.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    let databaseUrl = config.database.url;
    let embedded: EmbeddedPostgres | undefined;
    if (databaseUrl === undefined) {
      progress.start(`Starting embedded PostgreSQL in ${paths.pgdata}`);
      embedded = await startEmbeddedPostgres({ dataDir: paths.pgdata });
      closers.push(() => embedded!.close());
      databaseUrl = embedded.url;
      progress.succeed('Embedded PostgreSQL ready');
    }

    let rpcUrl = config.chain.rpcUrl;
    let devStack: DevStack | undefined;
    let chainId: number;
    if (rpcUrl === undefined) {
      progress.start(`Starting the devnet on 127.0.0.1:${config.chain.devnetPort}`);
      const devnet = await Devnet.start({ port: config.chain.devnetPort, journalPath: paths.journal });
      closers.push(() => devnet.close());
      rpcUrl = devnet.url;
      progress.update('Deploying Safe 1.4.1, the tokens and the DAO Safe');
      devStack = await deployDevStack(rpcUrl);
      chainId = devnet.chainId;
      progress.succeed(`Devnet ready at ${rpcUrl} (chain ${chainId})`);
    } else {
      progress.start(`Connecting to ${rpcUrl}`);
      chainId = await readChainId(rpcUrl, {
        expectedChainId: config.chain.chainId,
        timeoutMs: config.bootTimeoutMs,
      });
      progress.succeed(`Chain ${chainId} reachable`);
    }

    progress.start('Running migrations');
    const dataSource = await connectDataSource({ url: databaseUrl, connectTimeoutMs: config.bootTimeoutMs });
    try {
      const applied = await runMigrations(dataSource);
      progress.succeed(
        applied.length === 0 ? 'Database schema up to date' : `Applied ${applied.length} migration(s)`,
      );
    } finally {
      await dataSource.destroy();
    }

    return {
      config: {
        ...config,
        database: { ...config.database, url: databaseUrl },
        chain: { ...config.chain, rpcUrl, chainId },
        // One developer's machine: no rate limits unless RATE_LIMIT_ENABLED=true.
        rateLimit: { ...config.rateLimit, enabled: config.rateLimit.enabled ?? false },
        // On the devnet, dev account 9 relays Safe transactions unless RELAYER_PRIVATE_KEY names another.
        relayer: {
          privateKey:
            config.relayer.privateKey ??
            (devStack === undefined ? undefined : DEV_ACCOUNTS[DEV_RELAYER_ACCOUNT].privateKey),
        },
      },
      devStack,
      embeddedDatabase: embedded !== undefined,
      close,
    };
  } catch (error) {
    progress.stop();
    await close();
    throw error;
  }
}

async function seedDemoDao(app: INestApplication, devStack: DevStack) {
  return app.get(DaoService).ensure({
    slug: DEMO_DAO_SLUG,
    name: 'Demo DAO',
    chainId: devStack.chainId,
    governanceToken: devStack.governanceToken,
    safeAddress: devStack.daoSafe,
  });
}
