import {
  hashTypedData,
  isAddressEqual,
  isErc6492Signature,
  type Address,
  type Hash,
  type Hex,
  type TypedDataDefinition,
} from 'viem';
import type { PublicClientProvider } from '../clients/chain-client-manager.js';
import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import { recoverSigner } from './recover-signer.js';

export interface VerifyTypedDataParameters {
  /** The chain the signature is checked on (contract wallets are read there). */
  readonly chainId: number;
  /** The claimed signer: an EOA or a contract wallet (ERC-1271, e.g. a Safe; ERC-6492 if undeployed). */
  readonly address: Address;
  readonly typedData: TypedDataDefinition;
  readonly signature: Hex;
  /** `hashTypedData(typedData)`, when the caller has already computed it. */
  readonly hash?: Hash;
}

/**
 * Verifies EIP-712 signatures of EOAs and contract wallets.
 *
 * An EOA signature is recovered locally, without RPC (`recoverSigner`: libsecp256k1 where its
 * prebuilt binding loads). Otherwise the chain decides: an address
 * without code is an EOA whose signature did not recover (false); a contract wallet (or an
 * ERC-6492 wrapped signature) is checked with viem's `verifyTypedData` on the public client. When
 * the RPC fails along the way the answer is unknown, never a silent false: a retryable
 * SIGNATURE_CHECK_UNAVAILABLE error.
 */
export class SignatureVerifier {
  constructor(private readonly clients: PublicClientProvider) {}

  /**
   * @throws ChainError CHAIN_ID_MISMATCH when the typed data's domain names another chain,
   *   UNKNOWN_CHAIN when no RPC serves `chainId`, SIGNATURE_CHECK_UNAVAILABLE when the RPC failed.
   */
  async verifyTypedData({
    chainId,
    address,
    typedData,
    signature,
    hash,
  }: VerifyTypedDataParameters): Promise<boolean> {
    const domainChainId = typedData.domain?.chainId;
    if (domainChainId !== undefined && Number(domainChainId) !== chainId) {
      throw new ChainError(
        ChainErrorCode.CHAIN_ID_MISMATCH,
        `The typed data is for chain ${domainChainId}, but is being verified on chain ${chainId}`,
        { chainId, domainChainId: Number(domainChainId) },
      );
    }
    const recovered = await recoverSigner(hash ?? hashTypedData(typedData), signature);
    if (recovered !== null && isAddressEqual(recovered, address)) return true;

    const client = this.clients.getPublicClient(chainId);
    try {
      if (!isErc6492Signature(signature)) {
        const code = await client.getCode({ address });
        if (code === undefined || code === '0x') return false;
      }
      return await client.verifyTypedData({ ...typedData, address, signature });
    } catch (error) {
      throw new ChainError(
        ChainErrorCode.SIGNATURE_CHECK_UNAVAILABLE,
        `Could not verify the signature of ${address} on chain ${chainId}: the RPC failed`,
        { chainId, address },
        { cause: error },
      );
    }
  }
}
