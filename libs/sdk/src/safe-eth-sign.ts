import { recoverAddress, type Address, type Hex } from 'viem';

/** Signs a message's raw bytes with `personal_sign` (EIP-191): a wallet that cannot sign typed data still can. */
export type PersonalSign = (message: { raw: Hex }) => Promise<Hex>;

/**
 * A Safe owner's confirmation through `personal_sign` — for a hardware wallet behind a browser wallet
 * that cannot sign EIP-712 — encoded as Safe's eth_sign signature, exactly as protocol-kit's
 * `adjustVInSignature(ETH_SIGN, …)` does: v 0/1 becomes 27/28, and a signature over the
 * EIP-191-prefixed hash (what `personal_sign` produces) gets v + 4 (31/32), which the Safe (and
 * `confirmSafeTransaction`) verify against the prefixed safeTxHash.
 */
export async function signSafeTxHashWithPersonalSign(
  personalSign: PersonalSign,
  owner: Address,
  safeTxHash: Hex,
): Promise<Hex> {
  return safeEthSignSignature(await personalSign({ raw: safeTxHash }), safeTxHash, owner);
}

/** The v adjustment of {@link signSafeTxHashWithPersonalSign}, for a signature already made. */
export async function safeEthSignSignature(signature: Hex, safeTxHash: Hex, owner: Address): Promise<Hex> {
  let v = parseInt(signature.slice(-2), 16);
  if (![0, 1, 27, 28].includes(v)) throw new Error(`Not an ECDSA signature: v is ${v}`);
  if (v < 27) v += 27;
  const adjusted = `${signature.slice(0, -2)}${v.toString(16)}` as Hex;
  // A wallet that signed the bare hash (no EIP-191 prefix) made a plain ECDSA signature: v stays.
  const signedBareHash = await recoverAddress({ hash: safeTxHash, signature: adjusted }).then(
    (recovered) => recovered.toLowerCase() === owner.toLowerCase(),
    () => false,
  );
  if (!signedBareHash) v += 4;
  return `${signature.slice(0, -2)}${v.toString(16)}` as Hex;
}
