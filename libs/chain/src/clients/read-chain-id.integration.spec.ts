import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Devnet } from '../devnet/devnet.js';
import { ChainErrorCode } from '../errors/chain.error.js';
import { readChainId } from './read-chain-id.js';

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('readChainId', () => {
  let devnet: Devnet;

  beforeAll(async () => {
    devnet = await Devnet.start();
  }, 30_000);
  afterAll(() => devnet.close());

  it('reads the chain id an RPC serves', async () => {
    await expect(readChainId(devnet.url)).resolves.toBe(31337);
    await expect(readChainId(devnet.url, { expectedChainId: 31337 })).resolves.toBe(31337);
  });

  it('refuses an RPC serving another chain than the configured one', async () => {
    await expect(readChainId(devnet.url, { expectedChainId: 1 })).rejects.toMatchObject({
      code: ChainErrorCode.CHAIN_ID_MISMATCH,
      message: `The RPC at http://127.0.0.1:${devnet.port} serves chain 31337, but chain 1 is configured`,
    });
  });

  it('fails at once when nothing listens, without naming the URL path (it may hold an API key)', async () => {
    const server = createServer();
    const port = await listen(server);
    await close(server);
    const startedAt = performance.now();

    const error = await readChainId(`http://127.0.0.1:${port}/v3/secret-key`).catch((e: unknown) => e);

    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(error).toMatchObject({ code: ChainErrorCode.RPC_UNREACHABLE, category: 'RETRYABLE' });
    expect((error as Error).message).toContain(`http://127.0.0.1:${port}`);
    expect((error as Error).message).toContain('(connection refused)');
    expect((error as Error).message).not.toContain('secret-key');
  });

  it('gives up after the timeout when the RPC never answers', async () => {
    const server = createServer(() => undefined); // accepts requests, never responds
    const port = await listen(server);
    const startedAt = performance.now();
    try {
      await expect(readChainId(`http://127.0.0.1:${port}`, { timeoutMs: 300 })).rejects.toMatchObject({
        code: ChainErrorCode.RPC_UNREACHABLE,
        message: `The RPC at http://127.0.0.1:${port} did not answer eth_chainId (no answer within 300 ms)`,
      });
      expect(performance.now() - startedAt).toBeLessThan(2_000);
    } finally {
      await close(server);
    }
  });
});
