import { concatHex, hashTypedData, type Address, type Hex, type TypedDataDefinition } from 'viem';

/** EIP-712 types of the message a Safe (1.4.1, CompatibilityFallbackHandler) validates for ERC-1271. */
export const SAFE_MESSAGE_TYPES = { SafeMessage: [{ name: 'message', type: 'bytes' }] } as const;

export type SafeMessageTypedData = TypedDataDefinition<typeof SAFE_MESSAGE_TYPES, 'SafeMessage'>;

/**
 * What each owner signs so that a Safe signs `typedData` through ERC-1271: a `SafeMessage` whose
 * `message` is the EIP-712 hash of the original typed data, under the domain
 * `{ chainId, verifyingContract: safe }`. Combine the owners' signatures with
 * {@link concatSafeSignatures}.
 */
export function safeMessageTypedData(params: {
  chainId: number;
  safe: Address;
  typedData: TypedDataDefinition;
}): SafeMessageTypedData {
  return {
    domain: { chainId: params.chainId, verifyingContract: params.safe },
    types: SAFE_MESSAGE_TYPES,
    primaryType: 'SafeMessage',
    message: { message: hashTypedData(params.typedData) },
  };
}

/** Owner signatures in the form a Safe checks them: concatenated in ascending owner address order. */
export function concatSafeSignatures(signatures: readonly { signer: Address; signature: Hex }[]): Hex {
  const sorted = [...signatures].sort((a, b) => {
    const [x, y] = [BigInt(a.signer), BigInt(b.signer)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return concatHex(sorted.map(({ signature }) => signature));
}
