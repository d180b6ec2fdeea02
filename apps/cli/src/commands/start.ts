import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig, type ResolvedConfig } from '@guildhall/config';
import {
  ChainError,
  ChainErrorCode,
  deployDevStack,
  Devnet,
  readChainId,
  type DevStack,
} from '@guildhall/chain';
import {
  connectDataSource,
  runMigrations,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@guildhall/database';
import { DaoService } from '@guildhall/governance';
import { createApiApplication, listen } from '../../../api/src/bootstrap.js';
import { colors, printFields, printJson } from '../output.js';
import { Progress } from '../progress.js';

export const DEMO_DAO_SLUG = 'demo';

interface Stack {
  readonly config: ResolvedConfig;
  readonly devStack: DevStack | undefined;
  readonly embeddedDatabase: boolean;
  readonly close: () => Promise<void>;
}

/**
 * `guildhall start` / `npm start`: the whole stack in one process. What is not configured is
 * embedded: PGlite under GUILDHALL_HOME when DATABASE_URL is unset, an in-process devnet (Safe 1.4.1,
 * tokens, funded dev accounts, a 2-of-3 Safe) when RPC_URL is unset. The devnet journals its
 * transactions under GUILDHALL_HOME and replays them on restart, so a kept database never points at
 * a chain that is gone; when the journal cannot be replayed, both are reset with a clear message.
 */
export async function start(options: { fresh: boolean; json: boolean }): Promise<void> {
  const config = loadConfig();
  const spinner = new Progress(options.json);
  const paths = {
    home: config.home,
    pgdata: join(config.home, 'pgdata'),
    journal: join(config.home, 'devnet.journal'),
  };

  if (options.fresh) await wipe(paths.home, 'starting fresh (--fresh)', options.json);
  await mkdir(paths.home, { recursive: true });
  // An embedded database without its chain journal points at a chain that is gone.
  if (
    config.database.url === undefined &&
    config.chain.rpcUrl === undefined &&
    existsSync(paths.pgdata) &&
    !existsSync(paths.journal)
  ) {
    await wipe(paths.home, 'the embedded database has no devnet journal to go with it', options.json);
    await mkdir(paths.home, { recursive: true });
  }

  let stack: Stack;
  try {
    stack = await startServices(config, paths, spinner);
  } catch (error) {
    if (
      !(error instanceof ChainError && error.code === ChainErrorCode.JOURNAL_DIVERGED) ||
      config.database.url !== undefined
    )
      throw error;
    spinner.fail(error.message);
    await wipe(paths.home, 'the devnet journal could not be replayed', options.json);
    await mkdir(paths.home, { recursive: true });
    stack = await startServices(config, paths, spinner);
  }

  let app: INestApplication | undefined;
  try {
    spinner.start('Starting the API and the worker');
    app = await createApiApplication(stack.config, { work: true, shutdownHooks: false });
    await app.init();
    const dao = stack.devStack === undefined ? undefined : await seedDemoDao(app, stack.devStack);
    const url = await listen(app, stack.config);
    spinner.succeed(`API and worker ready at ${url}`);
    report(stack, url, dao?.slug, options.json);
  } catch (error) {
    spinner.fail('Start failed');
    await app?.close();
    await stack.close();
    throw error;
  }

  const shutdown = async (signal: string): Promise<void> => {
    process.stderr.write(`\n${signal}: stopping Guildhall…\n`);
    await app?.close();
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function startServices(
  config: AppConfig,
  paths: { pgdata: string; journal: string },
  spinner: Progress,
): Promise<Stack> {
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const step of closers.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    let databaseUrl = config.database.url;
    let embedded: EmbeddedPostgres | undefined;
    if (databaseUrl === undefined) {
      spinner.start(`Starting embedded PostgreSQL in ${paths.pgdata}`);
      embedded = await startEmbeddedPostgres({ dataDir: paths.pgdata });
      closers.push(() => embedded!.close());
      databaseUrl = embedded.url;
      spinner.succeed('Embedded PostgreSQL ready');
    }

    let rpcUrl = config.chain.rpcUrl;
    let devStack: DevStack | undefined;
    let chainId: number;
    if (rpcUrl === undefined) {
      spinner.start(`Starting the devnet on 127.0.0.1:${config.chain.devnetPort}`);
      const devnet = await Devnet.start({ port: config.chain.devnetPort, journalPath: paths.journal });
      closers.push(() => devnet.close());
      rpcUrl = devnet.url;
      spinner.update('Deploying Safe 1.4.1, the tokens and the DAO Safe');
      devStack = await deployDevStack(rpcUrl);
      chainId = devnet.chainId;
      spinner.succeed(`Devnet ready at ${rpcUrl} (chain ${chainId})`);
    } else {
      spinner.start(`Connecting to ${rpcUrl}`);
      chainId = await readChainId(rpcUrl, {
        expectedChainId: config.chain.chainId,
        timeoutMs: config.bootTimeoutMs,
      });
      spinner.succeed(`Chain ${chainId} reachable`);
    }

    spinner.start('Running migrations');
    const dataSource = await connectDataSource({ url: databaseUrl, connectTimeoutMs: config.bootTimeoutMs });
    try {
      const applied = await runMigrations(dataSource);
      spinner.succeed(
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
      },
      devStack,
      embeddedDatabase: embedded !== undefined,
      close,
    };
  } catch (error) {
    spinner.stop();
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

async function wipe(home: string, reason: string, json: boolean): Promise<void> {
  if (!existsSync(home)) return;
  if (!json) process.stderr.write(`${colors.yellow('Resetting')} ${home}: ${reason}.\n`);
  await rm(home, { recursive: true, force: true });
}

function report(stack: Stack, graphqlUrl: string, demoDao: string | undefined, json: boolean): void {
  const base = graphqlUrl.replace(/\/graphql$/, '');
  const readyMs = Math.round(performance.now());
  const { devStack } = stack;
  if (json) {
    printJson({
      graphql: graphqlUrl,
      health: `${base}/health`,
      metrics: `${base}/metrics`,
      rpc: stack.config.chain.rpcUrl,
      chainId: stack.config.chain.chainId,
      database: stack.embeddedDatabase ? 'embedded' : 'external',
      demoDao,
      contracts: devStack === undefined ? undefined : contractsOf(devStack),
      devAccounts: devStack?.accounts.map(({ address, privateKey }) => ({
        address,
        privateKey,
        development: true,
      })),
      readyMs,
    });
    return;
  }
  process.stdout.write(
    `\n${colors.bold('Guildhall is running')} ${colors.dim(`(ready in ${(readyMs / 1000).toFixed(1)} s)`)}\n\n`,
  );
  printFields(
    [
      ['GraphQL', graphqlUrl],
      ['Health', `${base}/health`],
      ['Metrics', `${base}/metrics`],
      ['Chain RPC', `${stack.config.chain.rpcUrl} (chain ${stack.config.chain.chainId})`],
      [
        'Database',
        stack.embeddedDatabase ? `embedded PGlite in ${join(stack.config.home, 'pgdata')}` : 'DATABASE_URL',
      ],
      ...(demoDao === undefined ? [] : ([['Demo DAO', `slug "${demoDao}"`]] as const)),
    ],
    '  ',
  );
  if (devStack !== undefined) {
    process.stdout.write(`\n${colors.bold('Contracts')}\n`);
    printFields(Object.entries(contractsOf(devStack)), '  ');
    process.stdout.write(
      `\n${colors.bold('Dev accounts')} ${colors.red('(DEVELOPMENT KEYS: public, never use them on a real chain)')}\n`,
    );
    printFields(
      devStack.accounts.map(
        ({ address, privateKey }, index) =>
          [
            `#${index}${index >= 1 && index <= 3 ? ' safe owner' : ''}`,
            `${address}  ${colors.dim(privateKey)}`,
          ] as const,
      ),
      '  ',
    );
  }
  process.stdout.write(`\n${colors.dim('Ctrl-C stops everything; data stays in')} ${stack.config.home}\n`);
}

function contractsOf(devStack: DevStack): Record<string, string> {
  return {
    'DAO Safe (2-of-3)': devStack.daoSafe,
    'governance token': devStack.governanceToken,
    'payout token': devStack.payoutToken,
    ...devStack.safeContracts,
    multicall3: devStack.multicall3,
  };
}
