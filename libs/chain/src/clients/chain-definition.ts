import { defineChain, type Chain } from 'viem';
import { multicall3Deployment } from '../abi/generated/index.js';

/**
 * The viem chain definition Guildhall uses for a chain id and RPC URL. Multicall3 is at its
 * canonical address: deployed on virtually every EVM chain, and by deployDevStack on the devnet,
 * so viem's `multicall` works everywhere.
 */
export function defineGuildhallChain({ chainId, rpcUrl }: { chainId: number; rpcUrl: string }): Chain {
  return defineChain({
    id: chainId,
    name: `Chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    contracts: { multicall3: { address: multicall3Deployment.address } },
  });
}
