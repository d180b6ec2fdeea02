import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import { ChainClientManager } from './chain-client-manager.js';

describe('ChainClientManager', () => {
  const manager = new ChainClientManager({
    1: 'https://rpc.example/v1/secret-key',
    31337: 'http://127.0.0.1:8545',
  });

  it('hands out one client per chain, on that chain, with Multicall3 at its canonical address', () => {
    const devnet = manager.getPublicClient(31337);

    expect(devnet.chain.id).toBe(31337);
    expect(devnet.chain.contracts?.multicall3?.address).toBe('0xcA11bde05977b3631167028862bE2a173976CA11');
    expect(manager.getPublicClient(31337)).toBe(devnet);
    expect(manager.getPublicClient(1).chain.id).toBe(1);
    expect(manager.chainIds).toEqual([1, 31337]);
  });

  it('throws a typed error for a chain without an RPC', () => {
    const attempt = (): unknown => manager.getPublicClient(10);

    expect(attempt).toThrow(ChainError);
    expect(attempt).toThrow('No RPC is configured for chain 10 (configured: 1, 31337)');
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: ChainErrorCode.UNKNOWN_CHAIN, category: 'BAD_INPUT' });
    }
  });
});
