import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, http, TimeoutError, type HttpRequestError } from 'viem';
import { rpcFetch } from './rpc-fetch.js';

/** A JSON-RPC endpoint whose answers the test writes. */
async function endpoint(
  answer: (request: { body: unknown; headers: IncomingMessage['headers'] }, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      answer({ body: JSON.parse(Buffer.concat(chunks).toString()), headers: req.headers }, res),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const clientOf = (url: string, timeout = 2_000) =>
  createPublicClient({ transport: http(url, { batch: true, timeout, retryCount: 0, fetchFn: rpcFetch() }) });

describe('rpcFetch (viem’s HTTP transport over undici)', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('sends JSON-RPC batches as JSON and reads the answers', async () => {
    const seen: unknown[] = [];
    const { url, server } = await endpoint(({ body, headers }, res) => {
      seen.push({ body, contentType: headers['content-type'] });
      const calls = body as Array<{ id: number; method: string }>;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          calls.map((call) => ({
            jsonrpc: '2.0',
            id: call.id,
            result: call.method === 'eth_chainId' ? '0x7a69' : '0x2a',
          })),
        ),
      );
    });
    servers.push(server);
    const client = clientOf(url);

    await expect(
      Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]),
    ).resolves.toEqual([31337, 42n]);
    expect(seen).toEqual([
      {
        contentType: 'application/json',
        body: [
          expect.objectContaining({ method: 'eth_chainId' }),
          expect.objectContaining({ method: 'eth_blockNumber' }),
        ],
      },
    ]);
  });

  it('turns an HTTP error into viem’s HttpRequestError with its status', async () => {
    const { url, server } = await endpoint((_request, res) => {
      res.statusCode = 503;
      res.end('overloaded');
    });
    servers.push(server);

    await expect(clientOf(url).getChainId()).rejects.toMatchObject({
      name: 'HttpRequestError',
      status: 503,
    } satisfies Partial<HttpRequestError>);
  });

  it('gives up at the transport’s timeout', async () => {
    const { url, server } = await endpoint(() => undefined);
    servers.push(server);
    server.keepAliveTimeout = 0;
    const started = Date.now();

    await expect(clientOf(url, 200).getChainId()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    server.closeAllConnections();
  });
});
