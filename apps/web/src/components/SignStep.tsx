import { useState, type ReactNode } from 'react';
import { chainName } from '../wallet/chains.js';
import { describeError, isUserRejection } from '../wallet/errors.js';
import { useWallet } from '../wallet/wallet.js';
import { WalletButton } from './WalletButton.js';

/**
 * One signing step: says in words what will be signed, and opens the wallet only once the form is
 * valid and the wallet is on the DAO's chain (else it offers the switch). A request declined in the
 * wallet is a calm note; the API's refusal shows its code and message.
 */
export function SignStep({
  chainId,
  summary,
  action,
  validate,
  sign,
}: {
  chainId: number;
  summary: ReactNode;
  action: string;
  /** A reason the form cannot be signed yet, or undefined. */
  validate: () => string | undefined;
  sign: () => Promise<void>;
}) {
  const { connection, switchChain } = useWallet();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'calm' | 'error' | 'done'; text: string }>();

  if (connection === undefined)
    return (
      <div className="sign-step">
        <p>Connect a wallet to {action.toLowerCase()}.</p>
        <WalletButton />
      </div>
    );

  if (connection.chainId !== chainId)
    return (
      <div className="sign-step" role="region" aria-label="Wrong network">
        <p>
          Your wallet is on {chainName(connection.chainId)}; this DAO is on {chainName(chainId)}. Switch
          before signing: nothing is requested until the chains match.
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setNote(undefined);
            switchChain(chainId).catch((error: unknown) =>
              setNote({ kind: isUserRejection(error) ? 'calm' : 'error', text: describeError(error) }),
            );
          }}
        >
          Switch to {chainName(chainId)}
        </button>
        {note !== undefined && <Note {...note} />}
      </div>
    );

  const submit = async () => {
    const invalid = validate();
    if (invalid !== undefined) return setNote({ kind: 'error', text: invalid });
    setBusy(true);
    setNote({ kind: 'calm', text: 'Waiting for your wallet…' });
    try {
      await sign();
      setNote({ kind: 'done', text: 'Signed and recorded.' });
    } catch (error) {
      setNote({ kind: isUserRejection(error) ? 'calm' : 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-step">
      <div className="summary" aria-label="What you will sign">
        <strong>You will sign:</strong> {summary}
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
        {action}
      </button>
      {note !== undefined && <Note {...note} />}
    </div>
  );
}

function Note({ kind, text }: { kind: 'calm' | 'error' | 'done'; text: string }) {
  return (
    <p className={kind === 'error' ? 'error' : 'note'} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}
