import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import { startEdrChain, type EdrChain } from './edr-chain.js';
import { Journal } from './journal.js';
import { createJsonRpcServer } from './json-rpc-server.js';

export interface DevnetOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Default 31337, the chain id of Hardhat and of the Safe singleton factory's dev deployment. */
  readonly chainId?: number;
  /**
   * Journal file that keeps the chain across restarts (see journal.ts): replayed on start, then
   * appended to. Without it the chain lives in memory only.
   */
  readonly journalPath?: string;
}

interface Backend {
  request(method: string, params: readonly unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A local development chain: Hardhat 3's in-process EDR chain served over HTTP JSON-RPC.
 * `await Devnet.start()` → `{ url, port, chainId, close() }`.
 */
export class Devnet {
  private closing: Promise<void> | undefined;

  private constructor(
    /** JSON-RPC endpoint, e.g. http://127.0.0.1:8545. */
    readonly url: string,
    readonly port: number,
    readonly chainId: number,
    /** How many journal entries were replayed at start (0 without a journal or for a new one). */
    readonly replayedEntries: number,
    private readonly server: Server,
    private readonly backend: Backend,
  ) {}

  /** Starts the chain (replaying the journal if one is given) and serves it over HTTP. */
  static async start(options: DevnetOptions = {}): Promise<Devnet> {
    const { host = '127.0.0.1', port = 0, chainId = 31337, journalPath } = options;
    // The chain starts while the port is bound; requests arriving meanwhile wait for it.
    const starting = startBackend(chainId, journalPath);
    starting.catch(() => undefined); // handled below, once the port is known to be ours
    const server = createJsonRpcServer(async (method, params) =>
      (await starting).backend.request(method, params),
    );
    try {
      await listen(server, host, port);
    } catch (error) {
      await starting.then(({ backend }) => backend.close()).catch(() => undefined);
      throw error;
    }
    try {
      const { backend, replayedEntries } = await starting;
      const { port: boundPort } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      return new Devnet(
        `http://${urlHost}:${boundPort}`,
        boundPort,
        chainId,
        replayedEntries,
        server,
        backend,
      );
    } catch (error) {
      await closeServer(server);
      throw error;
    }
  }

  /** Stops serving, closes the chain and the journal. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= closeServer(this.server).then(() => this.backend.close());
    return this.closing;
  }
}

async function startBackend(
  chainId: number,
  journalPath: string | undefined,
): Promise<{ backend: Backend; replayedEntries: number }> {
  const startChain = (genesisTimestamp: number): Promise<EdrChain> =>
    startEdrChain({ chainId, genesisTimestamp });
  if (journalPath === undefined) {
    const chain = await startChain(Math.floor(Date.now() / 1000));
    return {
      backend: {
        request: (method, params) => chain.provider.request({ method, params }),
        close: () => chain.close(),
      },
      replayedEntries: 0,
    };
  }
  const { chain, journal, replayedEntries } = await Journal.open(journalPath, chainId, startChain);
  return {
    backend: {
      request: (method, params) => journal.request(method, params),
      close: async () => {
        await journal.close();
        await chain.close();
      },
    },
    replayedEntries,
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ChainError(
              ChainErrorCode.PORT_IN_USE,
              `Devnet cannot listen on ${host}:${port}: port ${port} is already in use ` +
                '(stop the other process, pick another port, or use port 0 for a free one)',
              { host, port },
              { cause: error },
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
