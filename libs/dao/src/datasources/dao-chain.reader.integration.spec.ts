import { ChainClientManager, ChainErrorCode } from '@guildhall/chain';
import { testConfig } from '@guildhall/config/testing';
import { DaoChainReader } from './dao-chain.reader.js';

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('DaoChainReader when the RPC is down', () => {
  // Nothing listens on port 1: every read fails at the transport, not in a contract.
  const rpcUrl = 'http://127.0.0.1:1';
  const reader = new DaoChainReader(
    new ChainClientManager({ 31337: rpcUrl }, { retryCount: 0, timeoutMs: 1_000 }),
    testConfig({ databaseUrl: 'postgres://unused', rpcUrl, chainId: 31337 }),
  );

  it('answers with a retryable error, never "not a token" or "not a Safe"', async () => {
    for (const read of [() => reader.assertErc20Votes(token), () => reader.readSafe(token)]) {
      await expect(read()).rejects.toMatchObject({
        code: ChainErrorCode.RPC_UNREACHABLE,
        category: 'RETRYABLE',
      });
    }
  });
});
