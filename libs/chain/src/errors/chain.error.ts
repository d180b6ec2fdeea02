import { GuildhallError, type ErrorCategory } from '@guildhall/core';
import {
  AbiDecodingDataSizeTooSmallError,
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
} from 'viem';

export const ChainErrorCode = {
  /** The devnet could not listen: the port is taken. */
  PORT_IN_USE: 'PORT_IN_USE',
  /** An RPC endpoint did not answer (refused, timed out, not JSON-RPC). */
  RPC_UNREACHABLE: 'RPC_UNREACHABLE',
  /** No RPC is configured for the requested chain id. */
  UNKNOWN_CHAIN: 'UNKNOWN_CHAIN',
  /** A chain id differs from the expected one (an RPC serving another chain, typed data for another chain). */
  CHAIN_ID_MISMATCH: 'CHAIN_ID_MISMATCH',
  /** A signature could not be checked because the RPC failed (ERC-1271 needs the chain). */
  SIGNATURE_CHECK_UNAVAILABLE: 'SIGNATURE_CHECK_UNAVAILABLE',
  /** The devnet journal file is not a journal this version can replay. */
  JOURNAL_UNREADABLE: 'JOURNAL_UNREADABLE',
  /** Replaying the devnet journal did not reproduce the recorded chain. */
  JOURNAL_DIVERGED: 'JOURNAL_DIVERGED',
  /** The development contract stack could not be deployed or is not what it should be. */
  DEV_STACK_DEPLOYMENT_FAILED: 'DEV_STACK_DEPLOYMENT_FAILED',
  /** An address does not answer ERC-20's symbol() and decimals(): no contract, or not a token. */
  NOT_AN_ERC20: 'NOT_AN_ERC20',
  /** An address does not answer ERC20Votes' getPastTotalSupply(), delegates() and decimals(). */
  NOT_AN_ERC20_VOTES_TOKEN: 'NOT_AN_ERC20_VOTES_TOKEN',
  /** An address does not answer a Safe's getOwners(), getThreshold(), nonce() and VERSION(). */
  NOT_A_SAFE: 'NOT_A_SAFE',
} as const;
export type ChainErrorCode = (typeof ChainErrorCode)[keyof typeof ChainErrorCode];

const categories: Record<ChainErrorCode, ErrorCategory> = {
  PORT_IN_USE: 'CONFLICT',
  RPC_UNREACHABLE: 'RETRYABLE',
  UNKNOWN_CHAIN: 'BAD_INPUT',
  CHAIN_ID_MISMATCH: 'BAD_INPUT',
  SIGNATURE_CHECK_UNAVAILABLE: 'RETRYABLE',
  JOURNAL_UNREADABLE: 'INTERNAL',
  JOURNAL_DIVERGED: 'INTERNAL',
  DEV_STACK_DEPLOYMENT_FAILED: 'INTERNAL',
  NOT_AN_ERC20: 'BAD_INPUT',
  NOT_AN_ERC20_VOTES_TOKEN: 'BAD_INPUT',
  NOT_A_SAFE: 'BAD_INPUT',
};

/** Errors of the chain adapters: the devnet, RPC clients, signature verification, token and Safe reads. */
export class ChainError extends GuildhallError<ChainErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}

/** A read the RPC failed to answer: retryable, never mistaken for an answer (a zero, "not a token"). */
export const rpcUnreachable = (error: unknown, what: string): ChainError =>
  new ChainError(
    ChainErrorCode.RPC_UNREACHABLE,
    `Could not read ${what} from the chain: the RPC failed; retry`,
    {},
    { cause: error },
  );

/**
 * The chain answered, and the answer is "no" — the call reverted, the address has no code (or its
 * fallback returns nothing), or it returned bytes that are not the function's ABI output — as
 * opposed to an RPC failure (a refused connection, a timeout, an HTTP error), whose answer is unknown.
 */
export const isContractAnswer = (error: unknown): boolean =>
  error instanceof BaseError &&
  error.walk(
    (cause) =>
      cause instanceof ContractFunctionRevertedError ||
      cause instanceof ContractFunctionZeroDataError ||
      cause instanceof AbiDecodingDataSizeTooSmallError,
  ) !== null;
