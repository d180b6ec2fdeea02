import { loadConfig } from '@guildhall/config';
import { DEV_ACCOUNTS, type DevStack } from '@guildhall/chain';
import { join } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { colors, printFields, printJson } from '../output.js';
import { Progress } from '../progress.js';
import { DEV_RELAYER_ACCOUNT, startEmbeddedStack, type EmbeddedStack } from '../stack/embedded-stack.js';

/** `guildhall start` / `npm start`: the embedded stack, until Ctrl-C. */
export async function start(options: { fresh: boolean; json: boolean }): Promise<void> {
  const stack = await startEmbeddedStack(loadConfig(), {
    fresh: options.fresh,
    progress: new Progress(options.json),
    notice: (message) => {
      if (!options.json) process.stderr.write(`${colors.yellow(message)}\n`);
    },
  });
  report(stack, options.json);

  const shutdown = async (signal: string): Promise<void> => {
    process.stderr.write(`\n${signal}: stopping Guildhall…\n`);
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function report(stack: EmbeddedStack, json: boolean): void {
  const { devStack, graphqlUrl, demoDao } = stack;
  const base = graphqlUrl.replace(/\/graphql$/, '');
  const readyMs = Math.round(performance.now());
  const relayer = relayerOf(stack);
  if (json) {
    printJson({
      graphql: graphqlUrl,
      health: `${base}/health`,
      metrics: `${base}/metrics`,
      rpc: stack.config.chain.rpcUrl,
      chainId: stack.config.chain.chainId,
      database: stack.embeddedDatabase ? 'embedded' : 'external',
      // The embedded server's URL, for psql and scripts (an external one may carry a password).
      databaseUrl: stack.embeddedDatabase ? stack.config.database.url : undefined,
      demoDao,
      relayer,
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
        stack.embeddedDatabase
          ? `embedded PostgreSQL in ${join(stack.config.home, 'pgdata')} ${colors.dim(stack.config.database.url)}`
          : 'DATABASE_URL',
      ],
      ...(demoDao === undefined ? [] : ([['Demo DAO', `slug "${demoDao}"`]] as const)),
      [
        'Safe relay',
        relayer === null
          ? colors.dim('none (set RELAYER_PRIVATE_KEY to relay Safe transactions)')
          : relayer.development
            ? `dev account #${DEV_RELAYER_ACCOUNT} ${relayer.address} ${colors.dim('(RELAYER_PRIVATE_KEY names another)')}`
            : `${relayer.address} ${colors.dim('(RELAYER_PRIVATE_KEY)')}`,
      ],
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
            `#${index}${index >= 1 && index <= 3 ? ' safe owner' : ''}${index === DEV_RELAYER_ACCOUNT && relayer?.development ? ' safe relay' : ''}`,
            `${address}  ${colors.dim(privateKey)}`,
          ] as const,
      ),
      '  ',
    );
  }
  process.stdout.write(`\n${colors.dim('Ctrl-C stops everything; data stays in')} ${stack.config.home}\n`);
}

/** The account that relays Safe transactions, and whether it is the devnet's dev account. */
function relayerOf(stack: EmbeddedStack): { address: string; development: boolean } | null {
  const key = stack.config.relayer.privateKey;
  if (key === undefined) return null;
  return {
    address: privateKeyToAccount(key).address,
    development: stack.devStack !== undefined && key === DEV_ACCOUNTS[DEV_RELAYER_ACCOUNT].privateKey,
  };
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
