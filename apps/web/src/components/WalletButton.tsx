import { useRef, useState } from 'react';
import { chainName } from '../wallet/chains.js';
import { describeError } from '../wallet/errors.js';
import { useWallet } from '../wallet/wallet.js';
import { AddressText } from './common.js';

/** "Connect wallet" (a picker of the wallets EIP-6963 found), or the connected account and chain. */
export function WalletButton() {
  const { wallets, connection, connect, disconnect } = useWallet();
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState<string>();

  if (connection !== undefined)
    return (
      <div className="wallet" aria-label="Connected wallet">
        <AddressText address={connection.account} />
        <span className="chip">{chainName(connection.chainId)}</span>
        <button type="button" onClick={disconnect}>
          Disconnect
        </button>
      </div>
    );

  return (
    <>
      <button type="button" className="primary" onClick={() => dialog.current?.showModal()}>
        Connect wallet
      </button>
      <dialog ref={dialog} aria-labelledby="wallet-picker-title">
        <h2 id="wallet-picker-title">Connect a wallet</h2>
        {wallets.length === 0 ? (
          <p>No browser wallet found. Install one (MetaMask, Rabby, Frame…) and reload this page.</p>
        ) : (
          <ul className="wallets">
            {wallets.map((wallet) => (
              <li key={wallet.info.uuid}>
                <button
                  type="button"
                  onClick={() => {
                    setMessage(undefined);
                    connect(wallet).then(
                      () => dialog.current?.close(),
                      (error: unknown) => setMessage(describeError(error)),
                    );
                  }}
                >
                  <img src={wallet.info.icon} alt="" width={24} height={24} /> {wallet.info.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        {message !== undefined && <p role="status">{message}</p>}
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </dialog>
    </>
  );
}
