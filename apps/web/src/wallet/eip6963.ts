/** EIP-1193: what an injected wallet answers requests through. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on?(event: string, listener: (...args: never[]) => void): void;
  removeListener?(event: string, listener: (...args: never[]) => void): void;
}

/** EIP-6963: a wallet announces itself with this. */
export interface WalletInfo {
  readonly uuid: string;
  readonly name: string;
  readonly icon: string;
  readonly rdns: string;
}

export interface DiscoveredWallet {
  readonly info: WalletInfo;
  readonly provider: Eip1193Provider;
}

interface AnnounceEvent extends Event {
  readonly detail: DiscoveredWallet;
}

/**
 * Listens for EIP-6963 announcements (one per installed wallet, each answering our request) and
 * reports the wallets found so far, one per rdns; returns the function that stops listening.
 */
export function discoverWallets(onChange: (wallets: readonly DiscoveredWallet[]) => void): () => void {
  const found = new Map<string, DiscoveredWallet>();
  const onAnnounce = (event: Event) => {
    const { detail } = event as AnnounceEvent;
    if (typeof detail?.info?.rdns !== 'string' || typeof detail.provider?.request !== 'function') return;
    found.set(detail.info.rdns, { info: detail.info, provider: detail.provider });
    onChange([...found.values()]);
  };
  addEventListener('eip6963:announceProvider', onAnnounce);
  dispatchEvent(new Event('eip6963:requestProvider'));
  return () => removeEventListener('eip6963:announceProvider', onAnnounce);
}
