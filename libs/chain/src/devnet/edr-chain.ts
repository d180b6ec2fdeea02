import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHardhatRuntimeEnvironment } from 'hardhat/hre';
import { DEV_MNEMONIC } from './dev-accounts.js';

/** The EIP-1193 surface of Hardhat's in-process chain that the devnet uses. */
export interface Eip1193Provider {
  request(args: { method: string; params?: readonly unknown[] }): Promise<unknown>;
}

export interface EdrChain {
  readonly provider: Eip1193Provider;
  close(): Promise<void>;
}

/** Genesis balance of each development account (Hardhat's usual 10,000 ETH). */
const DEV_ACCOUNT_BALANCE = 10_000n * 10n ** 18n;
/** Accounts funded at genesis, derived from {@link DEV_MNEMONIC} (the dev stack uses the first 10). */
const GENESIS_ACCOUNT_COUNT = 20;

/**
 * Starts Hardhat 3's in-process EDR chain. Everything that decides the genesis block is explicit
 * here (chain id, date, accounts) so that a journal replayed later sees the same genesis.
 */
export async function startEdrChain(options: {
  chainId: number;
  genesisTimestamp: number;
}): Promise<EdrChain> {
  // A throwaway Hardhat project: Hardhat wants a package.json at its project root (the devnet may
  // be started from any directory), and under jest it needs artifacts/build-info to exist.
  const projectRoot = await mkdtemp(join(tmpdir(), 'guildhall-devnet-'));
  try {
    await writeFile(join(projectRoot, 'package.json'), '{ "name": "guildhall-devnet", "private": true }\n');
    await mkdir(join(projectRoot, 'artifacts', 'build-info'), { recursive: true });
    if (isRunningUnderJest()) await preloadHardhatHookHandlers();

    const hre = await createHardhatRuntimeEnvironment(
      {
        paths: { artifacts: join(projectRoot, 'artifacts'), cache: join(projectRoot, 'cache') },
        networks: {
          devnet: {
            type: 'edr-simulated',
            chainType: 'l1',
            chainId: options.chainId,
            initialDate: new Date(options.genesisTimestamp * 1000),
            accounts: {
              mnemonic: DEV_MNEMONIC,
              count: GENESIS_ACCOUNT_COUNT,
              accountsBalance: DEV_ACCOUNT_BALANCE,
            },
            // Like a real node: a reverting transaction is mined and returns its hash (the receipt
            // says status 0) instead of failing the request. eth_call still answers code 3.
            throwOnTransactionFailures: false,
          },
        },
      },
      {},
      projectRoot,
    );
    const connection = await hre.network.create({ network: 'devnet' });
    return {
      provider: connection.provider,
      close: async () => {
        await connection.close();
        await rm(projectRoot, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(projectRoot, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Jest runs this lib inside its ESM sandbox, where Hardhat needs two workarounds:
 * its hook handlers must be imported one by one before the runtime is created (below), and its
 * artifacts folder must already contain build-info (done for every run above, harmless outside
 * jest). This is the only environment read in the lib.
 */
function isRunningUnderJest(): boolean {
  // eslint-disable-next-line no-restricted-syntax -- jest sets JEST_WORKER_ID in every worker; only used to apply the workaround above, never as configuration.
  return process.env.JEST_WORKER_ID !== undefined;
}

let hookHandlersPreloaded: Promise<void> | undefined;

/**
 * Jest's ESM loader races when several dynamic imports share a dependency, and Hardhat loads its
 * built-in hook handlers with `Promise.all(import(...))` ("HHE200: Plugin builtin:solidity-tests is
 * not installed"). Importing them one after another first fills the module cache. This reads
 * Hardhat's internal layout (hardhat is pinned; recheck on upgrade).
 */
function preloadHardhatHookHandlers(): Promise<void> {
  hookHandlersPreloaded ??= (async () => {
    const hardhatDir = dirname(createRequire(import.meta.url).resolve('hardhat/package.json'));
    const pluginsDir = join(hardhatDir, 'dist', 'src', 'internal', 'builtin-plugins');
    for (const plugin of (await readdir(pluginsDir)).sort()) {
      const handlersDir = join(pluginsDir, plugin, 'hook-handlers');
      const handlers = await readdir(handlersDir).catch(() => []);
      for (const file of handlers.filter((name) => name.endsWith('.js')).sort()) {
        await import(pathToFileURL(join(handlersDir, file)).href);
      }
    }
  })();
  return hookHandlersPreloaded;
}
