import SafeDefault, {
  EthSafeSignature,
  buildSignatureBytes,
  calculateSafeTransactionHash,
  preimageSafeTransactionHash,
  type ContractNetworksConfig,
} from '@safe-global/protocol-kit';
import type { SafeTransactionData } from '@safe-global/types-kit';
import {
  compatibilityFallbackHandlerDeployment,
  createCallDeployment,
  multiSendCallOnlyDeployment,
  multiSendDeployment,
  safeL2Deployment,
  safeProxyFactoryDeployment,
  signMessageLibDeployment,
  simulateTxAccessorDeployment,
} from '@guildhall/chain';
import { getAddress, type Address, type Hex } from 'viem';
import type { SafeCall, SafeTxFields } from '../domain/safe-transaction.js';

// protocol-kit's default export is typed CommonJS-style under NodeNext: its
// `.default` is the class at both type and run time. The quirk stays inside this adapter.
const Safe = SafeDefault as unknown as typeof SafeDefault.default;
type SafeInstance = Awaited<ReturnType<typeof Safe.init>>;

/**
 * Safe 1.4.1 at its canonical addresses: the same on every chain it is deployed to (the singleton
 * factory's deterministic deployment), which protocol-kit's own registry lacks for devnets.
 */
function canonicalContracts(chainId: number): ContractNetworksConfig {
  return {
    [chainId.toString()]: {
      safeSingletonAddress: safeL2Deployment.address,
      safeProxyFactoryAddress: safeProxyFactoryDeployment.address,
      multiSendAddress: multiSendDeployment.address,
      multiSendCallOnlyAddress: multiSendCallOnlyDeployment.address,
      fallbackHandlerAddress: compatibilityFallbackHandlerDeployment.address,
      signMessageLibAddress: signMessageLibDeployment.address,
      createCallAddress: createCallDeployment.address,
      simulateTxAccessorAddress: simulateTxAccessorDeployment.address,
    },
  };
}

const toKit = (fields: SafeTxFields): SafeTransactionData => ({
  to: fields.to,
  value: fields.value.toString(),
  data: fields.data,
  operation: fields.operation,
  safeTxGas: fields.safeTxGas.toString(),
  baseGas: fields.baseGas.toString(),
  gasPrice: fields.gasPrice.toString(),
  gasToken: fields.gasToken,
  refundReceiver: fields.refundReceiver,
  nonce: Number(fields.nonce),
});

const fromKit = (data: SafeTransactionData): SafeTxFields => ({
  to: getAddress(data.to),
  value: BigInt(data.value),
  data: data.data as Hex,
  operation: data.operation,
  safeTxGas: BigInt(data.safeTxGas),
  baseGas: BigInt(data.baseGas),
  gasPrice: BigInt(data.gasPrice),
  gasToken: getAddress(data.gasToken),
  refundReceiver: getAddress(data.refundReceiver),
  nonce: BigInt(data.nonce),
});

/** An owner's signature as execTransaction wants it: the owner, and the bytes (dynamic for contracts). */
export interface OwnerSignature {
  readonly owner: Address;
  readonly signature: Hex;
  readonly isContractSignature: boolean;
}

/**
 * The one adapter around @safe-global/protocol-kit: building Safe transactions (one call as is,
 * several through MultiSendCallOnly), rejections, the SafeTx hash and its pre-image, and the
 * owner-sorted signature bytes of execTransaction. No signer ever reaches protocol-kit: Guildhall
 * holds no owner key.
 */
export class SafeKit {
  private readonly instances = new Map<string, Promise<SafeInstance>>();

  constructor(
    private readonly rpcUrl: string,
    private readonly chainId: number,
  ) {}

  /** The Safe transaction of `calls` at `nonce`: a plain call for one, MultiSendCallOnly for more. */
  async build(safe: Address, calls: readonly SafeCall[], nonce: bigint): Promise<SafeTxFields> {
    const kit = await this.instance(safe);
    const transaction = await kit.createTransaction({
      transactions: calls.map((call) => ({
        to: call.to,
        value: call.value.toString(),
        data: call.data,
        operation: call.operation,
      })),
      onlyCalls: true,
      options: { nonce: Number(nonce) },
    });
    return fromKit(transaction.data);
  }

  /** A rejection: the no-op (a call of the Safe to itself) that consumes `nonce`. */
  async rejection(safe: Address, nonce: bigint): Promise<SafeTxFields> {
    const kit = await this.instance(safe);
    return fromKit((await kit.createRejectionTransaction(Number(nonce))).data);
  }

  /** The EIP-712 SafeTx hash owners sign (domain: chain id and the Safe). */
  hash(safe: Address, fields: SafeTxFields, version: string): Hex {
    return calculateSafeTransactionHash(safe, toKit(fields), version, BigInt(this.chainId)) as Hex;
  }

  /** The SafeTx pre-image legacy ERC-1271 contract owners are asked about (`isValidSignature(bytes,bytes)`). */
  preimage(safe: Address, fields: SafeTxFields, version: string): Hex {
    return preimageSafeTransactionHash(safe, toKit(fields), version, BigInt(this.chainId)) as Hex;
  }

  /** execTransaction's `signatures`: static parts sorted by owner, contract signatures appended. */
  signatureBytes(signatures: readonly OwnerSignature[]): Hex {
    return buildSignatureBytes(
      signatures.map(
        ({ owner, signature, isContractSignature }) =>
          new EthSafeSignature(owner, signature, isContractSignature),
      ),
    ) as Hex;
  }

  private instance(safe: Address): Promise<SafeInstance> {
    let instance = this.instances.get(safe);
    if (instance === undefined) {
      instance = Safe.init({
        provider: this.rpcUrl,
        safeAddress: safe,
        contractNetworks: canonicalContracts(this.chainId),
      });
      instance.catch(() => this.instances.delete(safe));
      this.instances.set(safe, instance);
    }
    return instance;
  }
}
