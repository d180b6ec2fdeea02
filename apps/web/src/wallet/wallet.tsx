import type { TypedDataSigner } from '@guildhall/sdk';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { chainName, chainParams } from './chains.js';
import { discoverWallets, type DiscoveredWallet, type Eip1193Provider } from './eip6963.js';

type Address = `0x${string}`;

export interface Connection {
  readonly wallet: DiscoveredWallet;
  readonly account: Address;
  readonly chainId: number;
}

export interface WalletState {
  readonly wallets: readonly DiscoveredWallet[];
  readonly connection: Connection | undefined;
  readonly connect: (wallet: DiscoveredWallet) => Promise<void>;
  readonly disconnect: () => void;
  /** Asks the wallet to switch to `chainId` (adding it when the wallet does not know it). */
  readonly switchChain: (chainId: number) => Promise<void>;
  /** A signer over the connected wallet (eth_signTypedData_v4 through viem), loaded on first use. */
  readonly typedDataSigner: () => Promise<TypedDataSigner>;
  /** personal_sign of raw bytes, for the Safe eth_sign fallback. */
  readonly personalSign: (message: { raw: `0x${string}` }) => Promise<`0x${string}`>;
  /** eth_sendTransaction from the connected account; resolves with the transaction hash. */
  readonly sendTransaction: (tx: { to: Address; data: `0x${string}` }) => Promise<`0x${string}`>;
}

const WalletContext = createContext<WalletState | undefined>(undefined);

/** Which wallet (its rdns) to reconnect to silently after a reload. */
const REMEMBERED = 'guildhall.wallet';

const asChainId = (value: unknown): number => Number(BigInt(value as string));

async function accountsOf(provider: Eip1193Provider, method: 'eth_accounts' | 'eth_requestAccounts') {
  return (await provider.request({ method })) as Address[];
}

export function WalletProvider({ children }: { children: React.ReactNode }) {
  const [wallets, setWallets] = useState<readonly DiscoveredWallet[]>([]);
  const [connection, setConnection] = useState<Connection>();
  const tried = useRef(new Set<string>());

  useEffect(() => discoverWallets(setWallets), []);

  // Silent reconnect: eth_accounts answers without a prompt when the site is still authorised.
  useEffect(() => {
    const remembered = localStorage.getItem(REMEMBERED);
    const wallet = wallets.find((candidate) => candidate.info.rdns === remembered);
    if (wallet === undefined || connection !== undefined || tried.current.has(wallet.info.rdns)) return;
    tried.current.add(wallet.info.rdns);
    void (async () => {
      const [account] = await accountsOf(wallet.provider, 'eth_accounts');
      if (account === undefined) return;
      const chainId = asChainId(await wallet.provider.request({ method: 'eth_chainId' }));
      setConnection({ wallet, account, chainId });
    })().catch(() => undefined);
  }, [wallets, connection]);

  // Follow the wallet: another account, another chain, or disconnected.
  useEffect(() => {
    const provider = connection?.wallet.provider;
    if (provider?.on === undefined) return;
    const onAccounts = (accounts: Address[]) =>
      setConnection((current) =>
        current === undefined
          ? current
          : accounts[0] === undefined
            ? undefined
            : { ...current, account: accounts[0] },
      );
    const onChain = (chainId: string) =>
      setConnection((current) =>
        current === undefined ? current : { ...current, chainId: asChainId(chainId) },
      );
    provider.on('accountsChanged', onAccounts);
    provider.on('chainChanged', onChain);
    return () => {
      provider.removeListener?.('accountsChanged', onAccounts);
      provider.removeListener?.('chainChanged', onChain);
    };
  }, [connection?.wallet]);

  const connect = useCallback(async (wallet: DiscoveredWallet) => {
    const [account] = await accountsOf(wallet.provider, 'eth_requestAccounts');
    if (account === undefined) throw new Error(`${wallet.info.name} shared no account`);
    const chainId = asChainId(await wallet.provider.request({ method: 'eth_chainId' }));
    localStorage.setItem(REMEMBERED, wallet.info.rdns);
    setConnection({ wallet, account, chainId });
  }, []);

  const disconnect = useCallback(() => {
    localStorage.removeItem(REMEMBERED);
    setConnection(undefined);
  }, []);

  const state = useMemo<WalletState>(() => {
    const connected = (): Connection => {
      if (connection === undefined) throw new Error('Connect a wallet first');
      return connection;
    };
    return {
      wallets,
      connection,
      connect,
      disconnect,
      switchChain: async (chainId) => {
        const { wallet } = connected();
        const hexId = `0x${chainId.toString(16)}`;
        try {
          await wallet.provider.request({
            method: 'wallet_switchEthereumChain',
            params: [{ chainId: hexId }],
          });
        } catch (error) {
          const params = chainParams(chainId);
          // 4902: the wallet does not know the chain.
          if ((error as { code?: unknown }).code !== 4902) throw error;
          if (params === undefined)
            throw new Error(
              `${wallet.info.name} does not know ${chainName(chainId)}: add it to the wallet, then retry`,
            );
          await wallet.provider.request({
            method: 'wallet_addEthereumChain',
            params: [{ chainId: hexId, ...params }],
          });
        }
        const now = asChainId(await wallet.provider.request({ method: 'eth_chainId' }));
        setConnection((current) => (current === undefined ? current : { ...current, chainId: now }));
      },
      typedDataSigner: async () => {
        const { wallet, account } = connected();
        const { createWalletClient, custom } = await import('viem');
        const walletClient = createWalletClient({ account, transport: custom(wallet.provider) });
        return {
          address: account,
          signTypedData: (typedData) => walletClient.signTypedData({ ...typedData, account } as never),
        };
      },
      personalSign: async (message) => {
        const { wallet, account } = connected();
        const { createWalletClient, custom } = await import('viem');
        return createWalletClient({ account, transport: custom(wallet.provider) }).signMessage({
          account,
          message,
        });
      },
      sendTransaction: async (tx) => {
        const { wallet, account } = connected();
        const { createWalletClient, custom } = await import('viem');
        return createWalletClient({ account, transport: custom(wallet.provider) }).sendTransaction({
          account,
          chain: null,
          ...tx,
        });
      },
    };
  }, [wallets, connection, connect, disconnect]);

  return <WalletContext.Provider value={state}>{children}</WalletContext.Provider>;
}

export function useWallet(): WalletState {
  const state = useContext(WalletContext);
  if (state === undefined) throw new Error('useWallet outside WalletProvider');
  return state;
}
