import { hashDomain, hashStruct, hashTypedData, type Address, type Hex } from 'viem';

/** EIP-712 types of Safe 1.4.1's `SafeTx`: what a Safe owner signs. */
export const SAFE_TX_TYPES = {
  SafeTx: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const;

/** The domain's types: Safe 1.3.0 and later sign under `{ chainId, verifyingContract }` only. */
const SAFE_DOMAIN_TYPES = [
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const;

/** A Safe transaction as the API returns it (`SafeTransaction`): its SafeTx fields and hash. */
export interface SafeTransactionToSign {
  readonly safeTxHash: Hex;
  readonly safe: Address;
  readonly to: Address;
  readonly value: bigint | string;
  readonly data: Hex;
  readonly operation: number;
  readonly safeTxGas: bigint | string;
  readonly baseGas: bigint | string;
  readonly gasPrice: bigint | string;
  readonly gasToken: Address;
  readonly refundReceiver: Address;
  readonly nonce: bigint | string;
}

/** Safe 1.4.1's EIP-712 `SafeTx` typed data: domain `{ chainId, verifyingContract: safe }`. */
export function safeTxTypedData(chainId: number, tx: Omit<SafeTransactionToSign, 'safeTxHash'>) {
  return {
    domain: { chainId, verifyingContract: tx.safe },
    types: SAFE_TX_TYPES,
    primaryType: 'SafeTx',
    message: {
      to: tx.to,
      value: BigInt(tx.value),
      data: tx.data,
      operation: tx.operation,
      safeTxGas: BigInt(tx.safeTxGas),
      baseGas: BigInt(tx.baseGas),
      gasPrice: BigInt(tx.gasPrice),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
      nonce: BigInt(tx.nonce),
    },
  } as const;
}

/** The two halves of a safeTxHash, as a hardware wallet shows them before it signs. */
export interface SafeTxHashes {
  /** EIP-712 hashStruct of the domain `{ chainId, verifyingContract: safe }`. */
  readonly domainHash: Hex;
  /** EIP-712 hashStruct of the `SafeTx` message. */
  readonly messageHash: Hex;
  /** keccak256(0x19 ‖ 0x01 ‖ domainHash ‖ messageHash). */
  readonly safeTxHash: Hex;
}

/**
 * The domain hash, message hash and safeTxHash of a Safe transaction: what Safe{Wallet} shows a
 * signer so that the hashes a Ledger or Trezor displays can be checked before confirming.
 */
export function safeTxHashes(chainId: number, tx: Omit<SafeTransactionToSign, 'safeTxHash'>): SafeTxHashes {
  const typedData = safeTxTypedData(chainId, tx);
  return {
    domainHash: hashDomain({
      domain: { chainId: BigInt(chainId), verifyingContract: tx.safe },
      types: { EIP712Domain: SAFE_DOMAIN_TYPES },
    }),
    messageHash: hashStruct({ data: typedData.message, primaryType: 'SafeTx', types: SAFE_TX_TYPES }),
    safeTxHash: hashTypedData(typedData),
  };
}
