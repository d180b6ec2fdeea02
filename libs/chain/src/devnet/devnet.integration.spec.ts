import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGuildhallError } from '@guildhall/core';
import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import { Devnet } from './devnet.js';

interface RpcResponse {
  id: number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

async function rpc(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}
const call = async (url: string, method: string, params: unknown[] = []): Promise<RpcResponse> =>
  (await rpc(url, { jsonrpc: '2.0', id: 1, method, params })) as RpcResponse;
const result = async (url: string, method: string, params: unknown[] = []): Promise<unknown> => {
  const response = await call(url, method, params);
  if (response.error) throw new Error(`${method}: ${response.error.message}`);
  return response.result;
};

const DEV_0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const DEV_5 = '0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc';
const DEV_6 = '0x976ea74026e726554db657fa54763abd0c3a0aa9';

describe('Devnet', () => {
  let devnet: Devnet;

  beforeAll(async () => {
    devnet = await Devnet.start();
  }, 30_000);
  afterAll(() => devnet.close());

  it('serves chain 31337 on a free port of 127.0.0.1', () => {
    expect(devnet.chainId).toBe(31337);
    expect(devnet.port).toBeGreaterThan(0);
    expect(devnet.url).toBe(`http://127.0.0.1:${devnet.port}`);
  });

  it('answers a batch in order, each request with its own result or error', async () => {
    const responses = await rpc(devnet.url, [
      { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
      { jsonrpc: '2.0', id: 2, method: 'no_such_method', params: [] },
      { jsonrpc: '2.0', id: 3, method: 'eth_getBalance', params: [DEV_0, 'latest'] },
      { id: 4 },
    ]);

    expect(responses).toEqual([
      { jsonrpc: '2.0', id: 1, result: '0x7a69' },
      { jsonrpc: '2.0', id: 2, error: expect.objectContaining({ code: -32004 }) as unknown },
      { jsonrpc: '2.0', id: 3, result: '0x21e19e0c9bab2400000' }, // 10,000 ETH
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } },
    ]);
  });

  it('answers malformed JSON with a parse error', async () => {
    const response = await fetch(devnet.url, { method: 'POST', body: '{"jsonrpc":' });
    expect(await response.json()).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
  });

  it('answers a revert with code 3 and the revert data', async () => {
    // Creation code that reverts with the 32-byte word 42: PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 REVERT.
    const response = await call(devnet.url, 'eth_call', [
      { from: DEV_0, data: '0x602a60005260206000fd' },
      'latest',
    ]);

    expect(response.error).toEqual({
      code: 3,
      message: expect.stringContaining('reverted') as unknown,
      data: `0x${'2a'.padStart(64, '0')}`,
    });
  });

  it('refuses a port in use with a typed error that names the port', async () => {
    const attempt = Devnet.start({ port: devnet.port });

    await expect(attempt).rejects.toBeInstanceOf(ChainError);
    await expect(attempt).rejects.toMatchObject({
      code: ChainErrorCode.PORT_IN_USE,
      category: 'CONFLICT',
      message: expect.stringContaining(`port ${devnet.port} is already in use`) as unknown,
      details: { host: '127.0.0.1', port: devnet.port },
    });
  });
});

describe('Devnet journal', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'guildhall-journal-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const transfer = (url: string, wei: number, id = 1): Promise<unknown> =>
    rpc(url, {
      jsonrpc: '2.0',
      id,
      method: 'eth_sendTransaction',
      params: [{ from: DEV_5, to: DEV_6, value: `0x${wei.toString(16)}` }],
    });

  it('comes back with the same blocks and balances, keeps the clock going, and records new requests', async () => {
    const journalPath = join(dir, 'chain.jsonl');
    const first = await Devnet.start({ journalPath });
    await transfer(first.url, 1_000);
    await result(first.url, 'evm_increaseTime', [3_600]);
    await result(first.url, 'evm_mine');
    await result(first.url, 'hardhat_setBalance', [DEV_6, '0x1234']);
    await transfer(first.url, 2_000);
    const before = {
      head: await result(first.url, 'eth_getBlockByNumber', ['latest', false]),
      balance5: await result(first.url, 'eth_getBalance', [DEV_5, 'latest']),
      balance6: await result(first.url, 'eth_getBalance', [DEV_6, 'latest']),
    };
    await first.close();

    const second = await Devnet.start({ journalPath });
    try {
      expect(second.replayedEntries).toBe(5);
      expect(await result(second.url, 'eth_getBlockByNumber', ['latest', false])).toEqual(before.head);
      expect(await result(second.url, 'eth_getBalance', [DEV_5, 'latest'])).toBe(before.balance5);
      expect(await result(second.url, 'eth_getBalance', [DEV_6, 'latest'])).toBe(before.balance6);

      await transfer(second.url, 3_000);
      const head = (await result(second.url, 'eth_getBlockByNumber', ['latest', false])) as {
        timestamp: string;
      };
      const lastTimestamp = Number((before.head as { timestamp: string }).timestamp);
      // The hour added with evm_increaseTime survives, and the clock did not stop while the chain was down.
      expect(Number(head.timestamp)).toBeGreaterThan(lastTimestamp);
      expect(Number(head.timestamp)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3_600 - 5);
    } finally {
      await second.close();
    }
    const third = await Devnet.start({ journalPath });
    await third.close();
    expect(third.replayedEntries).toBe(6);
  }, 30_000);

  it('refuses interval mining, whose timer-mined blocks could not be replayed', async () => {
    const devnet = await Devnet.start({ journalPath: join(dir, 'chain.jsonl') });
    try {
      const response = await call(devnet.url, 'evm_setIntervalMining', [1_000]);
      expect(response.error).toEqual({
        code: -32004,
        message: 'evm_setIntervalMining is not supported by a devnet with a journal',
      });
    } finally {
      await devnet.close();
    }
  }, 30_000);

  it('replays 100 transactions in well under a second', async () => {
    const journalPath = join(dir, 'chain.jsonl');
    const first = await Devnet.start({ journalPath });
    await rpc(
      first.url,
      Array.from({ length: 100 }, (_, i) => ({
        jsonrpc: '2.0',
        id: i,
        method: 'eth_sendTransaction',
        params: [{ from: DEV_5, to: DEV_6, value: '0x1' }],
      })),
    );
    expect(await result(first.url, 'eth_blockNumber')).toBe('0x64');
    await first.close();

    const startedAt = performance.now();
    const second = await Devnet.start({ journalPath });
    const elapsedMs = performance.now() - startedAt;
    await second.close();

    expect(second.replayedEntries).toBe(100);
    expect(elapsedMs).toBeLessThan(1_500); // chain start (~0.3 s) included; measured ≈ 0.1 s of replay
  }, 30_000);

  it('refuses a journal that no longer replays identically', async () => {
    const journalPath = join(dir, 'chain.jsonl');
    const first = await Devnet.start({ journalPath });
    await transfer(first.url, 1_000);
    await transfer(first.url, 2_000);
    await first.close();
    // Change the value of the second transfer: it mines another transaction and block.
    const lines = (await readFile(journalPath, 'utf8')).split('\n');
    lines[2] = lines[2].replace('"value":"0x7d0"', '"value":"0x7d1"');
    await writeFile(journalPath, lines.join('\n'));

    const attempt = Devnet.start({ journalPath });

    await expect(attempt).rejects.toMatchObject({
      code: ChainErrorCode.JOURNAL_DIVERGED,
      message: expect.stringMatching(
        /cannot be replayed identically: entry 2 \(eth_sendTransaction\)/,
      ) as unknown,
    });
  }, 30_000);

  it('refuses a journal of another chain and a file that is not a journal', async () => {
    const journalPath = join(dir, 'chain.jsonl');
    await (await Devnet.start({ journalPath, chainId: 1337 })).close();
    const otherChain = await Devnet.start({ journalPath }).catch((error: unknown) => error);
    expect(isGuildhallError(otherChain) && otherChain.code).toBe(ChainErrorCode.JOURNAL_UNREADABLE);
    expect((otherChain as Error).message).toContain('recorded for chain 1337, not 31337');

    const garbagePath = join(dir, 'garbage.jsonl');
    await writeFile(garbagePath, 'not json\n');
    await expect(Devnet.start({ journalPath: garbagePath })).rejects.toMatchObject({
      code: ChainErrorCode.JOURNAL_UNREADABLE,
    });
  }, 30_000);

  it('drops a torn last line left by a crash mid-write', async () => {
    const journalPath = join(dir, 'chain.jsonl');
    const first = await Devnet.start({ journalPath });
    await transfer(first.url, 1_000);
    await first.close();
    await writeFile(journalPath, `${await readFile(journalPath, 'utf8')}{"method":"eth_sendTr`);

    const second = await Devnet.start({ journalPath });
    await transfer(second.url, 2_000);
    await second.close();

    const lines = (await readFile(journalPath, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => (JSON.parse(line) as { method?: string }).method)).toEqual([
      undefined,
      'eth_sendTransaction',
      'eth_sendTransaction',
    ]);
  }, 30_000);
});
