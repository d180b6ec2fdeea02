import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  ChainClientManager,
  defineGuildhallChain,
  devPayoutTokenAbi,
  isContractAnswer,
  rpcUnreachable,
  safeL2Abi,
  simulateTxAccessorAbi,
  simulateTxAccessorDeployment,
} from '@guildhall/chain';
import {
  BaseError,
  createWalletClient,
  decodeAbiParameters,
  decodeErrorResult,
  encodeFunctionData,
  getAbiItem,
  getAddress,
  hexToBigInt,
  http,
  parseAbi,
  size,
  slice,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { SafeCall, SafeTxFields } from '../domain/safe-transaction.js';
import { TreasuryError, TreasuryErrorCode } from '../domain/treasury.error.js';

/** Storage slot of `nonce` in Safe 1.4.1 (singleton, modules, owners, ownerCount, threshold, nonce). */
const SAFE_NONCE_SLOT = '0x5';
const LEGACY_ERC1271 = parseAbi([
  'function isValidSignature(bytes data, bytes signature) view returns (bytes4)',
]);
const LEGACY_ERC1271_MAGIC = '0x20c13b0b';
const EXECUTION_EVENTS = [
  getAbiItem({ abi: safeL2Abi, name: 'ExecutionSuccess' }),
  getAbiItem({ abi: safeL2Abi, name: 'ExecutionFailure' }),
  getAbiItem({ abi: safeL2Abi, name: 'SafeMultiSigTransaction' }),
];

/** A simulated Safe call: its gas, whether it succeeded, and why not. */
export interface Simulation {
  readonly gas: bigint;
  readonly success: boolean;
  readonly revertReason: string | null;
}

/** What the Safe's log says happened to one Safe transaction. */
export interface ObservedExecution {
  readonly safeTxHash: Hex;
  readonly success: boolean;
  readonly txHash: Hex;
  readonly blockNumber: bigint;
  readonly logIndex: number;
  /** From SafeL2's SafeMultiSigTransaction in the same transaction, when there is one. */
  readonly transaction: (SafeTxFields & { readonly signatures: Hex }) | null;
}

/** execTransaction's arguments: the SafeTx fields (nonce aside: the Safe's own) and the signatures. */
export function execTransactionArgs(fields: SafeTxFields, signatures: Hex) {
  return [
    fields.to,
    fields.value,
    fields.data,
    fields.operation,
    fields.safeTxGas,
    fields.baseGas,
    fields.gasPrice,
    fields.gasToken,
    fields.refundReceiver,
    signatures,
  ] as const;
}

/** Why a call reverted, in words: a Solidity error string, a custom error of a known ABI, or the raw data. */
export function revertReasonOf(data: Hex | undefined): string {
  if (data === undefined || data === '0x') return 'reverted without a reason';
  for (const abi of [safeL2Abi, devPayoutTokenAbi]) {
    try {
      const { errorName, args } = decodeErrorResult({ abi, data });
      if ((['Error', 'Panic'] as string[]).includes(errorName)) return String(args?.[0]);
      return `${errorName}(${(args ?? []).map(String).join(', ')})`;
    } catch {
      // not this ABI
    }
  }
  return `reverted with ${data}`;
}

/** The revert data carried by a viem error, if the call reverted (rather than never reaching the chain). */
export function revertDataOf(error: unknown): Hex | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const cause = error.walk((e) => typeof (e as { data?: unknown }).data === 'string') as {
    data?: Hex;
  } | null;
  return cause?.data;
}

/**
 * The treasury's view of the chain beyond what ChainReader reads: a Safe's past nonce, simulations
 * through the Safe's own SimulateTxAccessor, signature checks the Safe will make, its execution
 * log, and the optional relay key that sends execTransaction.
 */
@Injectable()
export class SafeChain {
  /** The relay's wallet (RELAYER_PRIVATE_KEY), or null without one. */
  private readonly relay;

  constructor(
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {
    const key = config.relayer.privateKey;
    this.relay =
      key === undefined
        ? null
        : createWalletClient({
            account: privateKeyToAccount(key),
            chain: defineGuildhallChain({ chainId: config.chain.chainId, rpcUrl: config.chain.rpcUrl }),
            transport: http(config.chain.rpcUrl),
          });
  }

  get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  /**
   * The Safe's nonce as of `blockNumber`, 0 before the Safe existed. Read from storage (slot 5 of
   * Safe 1.4.1's layout) rather than through Multicall3, which may not exist at an old block.
   */
  async nonceAt(safe: Address, blockNumber: bigint): Promise<bigint> {
    const slot = await this.read(
      () => this.client.getStorageAt({ address: safe, slot: SAFE_NONCE_SLOT, blockNumber }),
      'the Safe’s nonce',
    );
    return slot === undefined || slot === '0x' ? 0n : hexToBigInt(slot);
  }

  /**
   * Runs `call` as the Safe would (Safe.simulateAndRevert delegating to SimulateTxAccessor): the gas
   * the call uses, and whether it succeeds. State is never changed.
   */
  async simulate(safe: Address, call: SafeCall): Promise<Simulation> {
    const payload = encodeFunctionData({
      abi: simulateTxAccessorAbi,
      functionName: 'simulate',
      args: [call.to, call.value, call.data, call.operation],
    });
    let data: Hex | undefined;
    try {
      await this.client.call({
        account: safe,
        to: safe,
        data: encodeFunctionData({
          abi: safeL2Abi,
          functionName: 'simulateAndRevert',
          args: [simulateTxAccessorDeployment.address, payload],
        }),
      });
    } catch (error) {
      data = revertDataOf(error);
      if (data === undefined) throw rpcUnreachable(error, 'a Safe simulation');
    }
    // simulateAndRevert always reverts with: delegatecall success ‖ returndata length ‖ returndata.
    if (data === undefined || size(data) < 64) throw new Error('simulateAndRevert returned no simulation');
    const [estimate, success, returnData] = decodeAbiParameters(
      [{ type: 'uint256' }, { type: 'bool' }, { type: 'bytes' }],
      slice(data, 64),
    );
    return { gas: estimate, success, revertReason: success ? null : revertReasonOf(returnData) };
  }

  /**
   * Whether a contract owner accepts `signature` for the SafeTx pre-image, as execTransaction will
   * ask it. An owner that refuses, reverts, has no code (an EOA named as a contract owner) or answers
   * something other than the magic value does not accept it; only an RPC failure is an error.
   */
  async isValidContractSignature(owner: Address, preimage: Hex, signature: Hex): Promise<boolean> {
    try {
      const magic = await this.client.readContract({
        address: owner,
        abi: LEGACY_ERC1271,
        functionName: 'isValidSignature',
        args: [preimage, signature],
      });
      return magic === LEGACY_ERC1271_MAGIC;
    } catch (error) {
      if (isContractAnswer(error)) return false;
      throw rpcUnreachable(error, 'an ERC-1271 signature check');
    }
  }

  async isApprovedHash(safe: Address, owner: Address, hash: Hex): Promise<boolean> {
    const approved = await this.read(
      () =>
        this.client.readContract({
          address: safe,
          abi: safeL2Abi,
          functionName: 'approvedHashes',
          args: [owner, hash],
        }),
      'the Safe’s approved hashes',
    );
    return approved !== 0n;
  }

  /** ExecutionSuccess / ExecutionFailure of a Safe in [from, to], with SafeL2's transaction when logged. */
  async executions(safe: Address, fromBlock: bigint, toBlock: bigint): Promise<ObservedExecution[]> {
    const logs = await this.read(
      () =>
        this.client.getLogs({ address: safe, events: EXECUTION_EVENTS, fromBlock, toBlock, strict: true }),
      'the Safe’s execution log',
    );
    const details = new Map<Hex, SafeTxFields & { signatures: Hex }>();
    const observed: ObservedExecution[] = [];
    for (const log of logs) {
      if (log.eventName === 'SafeMultiSigTransaction') {
        const [nonce] = decodeAbiParameters(
          [{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }],
          log.args.additionalInfo,
        );
        const {
          to,
          value,
          data,
          operation,
          safeTxGas,
          baseGas,
          gasPrice,
          gasToken,
          refundReceiver,
          signatures,
        } = log.args;
        details.set(log.transactionHash, {
          to: getAddress(to),
          value,
          data,
          operation: operation === 1 ? 1 : 0,
          safeTxGas,
          baseGas,
          gasPrice,
          gasToken: getAddress(gasToken),
          refundReceiver: getAddress(refundReceiver),
          nonce,
          signatures,
        });
        continue;
      }
      observed.push({
        safeTxHash: log.args.txHash,
        success: log.eventName === 'ExecutionSuccess',
        txHash: log.transactionHash,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        transaction: null,
      });
    }
    return observed.map((execution) => ({
      ...execution,
      transaction: details.get(execution.txHash) ?? null,
    }));
  }

  /** The receipt of a sent transaction, or null while it is not mined. */
  async receipt(txHash: Hex): Promise<{ status: 'success' | 'reverted'; blockNumber: bigint } | null> {
    try {
      const receipt = await this.client.getTransactionReceipt({ hash: txHash });
      return { status: receipt.status, blockNumber: receipt.blockNumber };
    } catch (error) {
      if (error instanceof BaseError && error.name === 'TransactionReceiptNotFoundError') return null;
      throw rpcUnreachable(error, 'a transaction receipt');
    }
  }

  /** The relay's address; RELAYER_NOT_CONFIGURED without a relay key, before anything is sent. */
  requireRelayer(): Address {
    return this.relayWallet().account.address;
  }

  private relayWallet() {
    if (this.relay === null)
      throw new TreasuryError(
        TreasuryErrorCode.RELAYER_NOT_CONFIGURED,
        'This Guildhall has no relay key (RELAYER_PRIVATE_KEY): send the transaction’s execTransaction calldata from an owner’s wallet instead',
      );
    return this.relay;
  }

  /**
   * Sends execTransaction from the relay key and returns its hash once the node accepted it. Gas is
   * estimated first, so a transaction that would revert is refused with its reason and never sent.
   */
  async sendExecution(safe: Address, fields: SafeTxFields, signatures: Hex): Promise<Hex> {
    return this.relayWallet().writeContract({
      address: safe,
      abi: safeL2Abi,
      functionName: 'execTransaction',
      args: execTransactionArgs(fields, signatures),
    });
  }

  private async read<T>(call: () => Promise<T>, what: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw rpcUnreachable(error, what);
    }
  }
}
