import { createPublicClient, http } from 'viem';
import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import { describeRpc } from './describe-rpc.js';

export interface ReadChainIdOptions {
  /** Give up after this long (no retries). Default 3 s. */
  readonly timeoutMs?: number;
  /** When given, a different chain id is an error. */
  readonly expectedChainId?: number;
}

/**
 * The chain id an RPC serves, for boot checks: fails fast with a typed error instead of hanging.
 * @throws ChainError RPC_UNREACHABLE (refused, timed out, not JSON-RPC) or CHAIN_ID_MISMATCH.
 */
export async function readChainId(rpcUrl: string, options: ReadChainIdOptions = {}): Promise<number> {
  const { timeoutMs = 3_000, expectedChainId } = options;
  const client = createPublicClient({ transport: http(rpcUrl, { timeout: timeoutMs, retryCount: 0 }) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (error) {
    throw new ChainError(
      ChainErrorCode.RPC_UNREACHABLE,
      `The RPC at ${describeRpc(rpcUrl)} did not answer eth_chainId (${reasonOf(error, timeoutMs)})`,
      { rpc: describeRpc(rpcUrl), timeoutMs },
      { cause: error },
    );
  }
  if (expectedChainId !== undefined && chainId !== expectedChainId) {
    throw new ChainError(
      ChainErrorCode.CHAIN_ID_MISMATCH,
      `The RPC at ${describeRpc(rpcUrl)} serves chain ${chainId}, but chain ${expectedChainId} is configured`,
      { rpc: describeRpc(rpcUrl), chainId, expectedChainId },
    );
  }
  return chainId;
}

/** Why a request failed, in a few words: refused, timed out, or the transport's own message. */
function reasonOf(error: unknown, timeoutMs: number): string {
  // Walk the cause chain by shape: errors from another realm (e.g. jest's sandbox) fail instanceof.
  const parts: string[] = [];
  for (
    let cause: unknown = error;
    typeof cause === 'object' && cause !== null;
    cause = (cause as { cause?: unknown }).cause
  ) {
    const { code, message, name } = cause as { code?: unknown; message?: unknown; name?: unknown };
    parts.push([code, name, message].filter((part) => typeof part === 'string').join(' '));
  }
  const text = parts.join(' | ');
  if (text.includes('ECONNREFUSED')) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'host not found';
  if (/timed? ?out|TimeoutError/i.test(text)) return `no answer within ${timeoutMs} ms`;
  return parts[0]?.split('\n')[0] || 'no answer';
}
