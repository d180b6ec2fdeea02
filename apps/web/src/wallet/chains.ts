/** Chains a wallet can be asked to add (wallet_addEthereumChain) when it does not know the DAO's. */
export interface ChainParams {
  readonly chainName: string;
  readonly rpcUrls: readonly string[];
  readonly nativeCurrency: { readonly name: string; readonly symbol: string; readonly decimals: number };
  readonly blockExplorerUrls?: readonly string[];
}

const ETH = { name: 'Ether', symbol: 'ETH', decimals: 18 } as const;

const KNOWN: Readonly<Record<number, ChainParams>> = {
  1: {
    chainName: 'Ethereum',
    rpcUrls: ['https://eth.merkle.io'],
    nativeCurrency: ETH,
    blockExplorerUrls: ['https://etherscan.io'],
  },
  11155111: {
    chainName: 'Sepolia',
    rpcUrls: ['https://rpc.sepolia.org'],
    nativeCurrency: { ...ETH, name: 'Sepolia Ether' },
    blockExplorerUrls: ['https://sepolia.etherscan.io'],
  },
  8453: {
    chainName: 'Base',
    rpcUrls: ['https://mainnet.base.org'],
    nativeCurrency: ETH,
    blockExplorerUrls: ['https://basescan.org'],
  },
  84532: {
    chainName: 'Base Sepolia',
    rpcUrls: ['https://sepolia.base.org'],
    nativeCurrency: ETH,
    blockExplorerUrls: ['https://sepolia.basescan.org'],
  },
  10: {
    chainName: 'OP Mainnet',
    rpcUrls: ['https://mainnet.optimism.io'],
    nativeCurrency: ETH,
    blockExplorerUrls: ['https://optimistic.etherscan.io'],
  },
  42161: {
    chainName: 'Arbitrum One',
    rpcUrls: ['https://arb1.arbitrum.io/rpc'],
    nativeCurrency: ETH,
    blockExplorerUrls: ['https://arbiscan.io'],
  },
  31337: { chainName: 'Guildhall devnet', rpcUrls: ['http://127.0.0.1:8545'], nativeCurrency: ETH },
};

export const chainParams = (chainId: number): ChainParams | undefined => KNOWN[chainId];

export const chainName = (chainId: number): string => KNOWN[chainId]?.chainName ?? `chain ${chainId}`;

/** The block explorer's page of an address or transaction, when the chain has one. */
export function explorerUrl(chainId: number, kind: 'address' | 'tx', value: string): string | undefined {
  const [base] = KNOWN[chainId]?.blockExplorerUrls ?? [];
  return base === undefined ? undefined : `${base}/${kind}/${value}`;
}
