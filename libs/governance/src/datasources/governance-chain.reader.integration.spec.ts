import { ChainClientManager, ChainErrorCode, ChainReader } from '@guildhall/chain';
import { testConfig } from '@guildhall/config/testing';
import { GovernanceChainReader } from './governance-chain.reader.js';

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('GovernanceChainReader when the RPC is down', () => {
  // Nothing listens on port 1: every read fails at the transport, not in a contract.
  const rpcUrl = 'http://127.0.0.1:1';
  const chains = new ChainClientManager({ 31337: rpcUrl }, { retryCount: 0, timeoutMs: 1_000 });
  const reader = new GovernanceChainReader(
    chains,
    new ChainReader(chains, 31337),
    testConfig({ databaseUrl: 'postgres://unused', rpcUrl, chainId: 31337 }),
  );

  it('answers with a retryable error, never zero votes', async () => {
    for (const read of [() => reader.votingPower(token, 1n, token)]) {
      await expect(read()).rejects.toMatchObject({
        code: ChainErrorCode.RPC_UNREACHABLE,
        category: 'RETRYABLE',
      });
    }
  });
});
