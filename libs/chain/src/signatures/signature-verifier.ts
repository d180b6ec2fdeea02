import {
  AbiDecodingDataSizeTooSmallError,
  AbiDecodingZeroDataError,
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  hashTypedData,
  isAddressEqual,
  isErc6492Signature,
  parseAbi,
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

const erc1271Abi = parseAbi([
  'function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)',
]);
/** What `isValidSignature(bytes32,bytes)` returns for a valid signature (its selector). */
const ERC1271_MAGIC_VALUE = '0x1626ba7e';

/** The contract answered, and its answer was no: it reverted, or returned nothing or too little. */
const isRefusal = (error: unknown): boolean =>
  error instanceof BaseError &&
  error.walk(
    (cause) =>
      cause instanceof ContractFunctionRevertedError ||
      cause instanceof ContractFunctionZeroDataError ||
      cause instanceof AbiDecodingZeroDataError ||
      cause instanceof AbiDecodingDataSizeTooSmallError,
  ) !== null;

/**
 * Verifies EIP-712 signatures of EOAs and contract wallets.
 *
 * An EOA signature is recovered locally, without RPC (`recoverSigner`: libsecp256k1 where its
 * prebuilt binding loads). Otherwise the chain decides: an address
 * without code is an EOA whose signature did not recover (false); a deployed contract wallet is
 * asked through ERC-1271 `isValidSignature`, an ERC-6492 wrapped signature (a wallet not deployed
 * yet) is checked with viem's `verifyTypedData` on the public client. When
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
    const digest = hash ?? hashTypedData(typedData);
    const recovered = await recoverSigner(digest, signature);
    if (recovered !== null && isAddressEqual(recovered, address)) return true;

    const client = this.clients.getPublicClient(chainId);
    try {
      // A wallet not deployed yet (ERC-6492) is checked by viem's universal validator.
      if (isErc6492Signature(signature))
        return await client.verifyTypedData({ ...typedData, address, signature });
      const code = await client.getCode({ address });
      if (code === undefined || code === '0x') return false;
      // ERC-1271 asked directly (viem's verifyTypedData would answer false on an RPC failure too): a
      // revert or an answer that is not the magic value refuses the signature; anything else is unknown.
      const magic = await client
        .readContract({
          address,
          abi: erc1271Abi,
          functionName: 'isValidSignature',
          args: [digest, signature],
        })
        .catch((error: unknown) => {
          if (isRefusal(error)) return undefined;
          throw error;
        });
      return magic === ERC1271_MAGIC_VALUE;
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
