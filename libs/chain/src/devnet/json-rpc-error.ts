/** A JSON-RPC error object, as the devnet answers it. */
export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

/** An error the devnet itself raises with a JSON-RPC code (the chain raises its own). */
export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }
}

/**
 * The JSON-RPC error of anything a request threw: the chain's own code, message and data (a revert
 * keeps code 3 and its revert data), or -32603 for anything that is not a JSON-RPC error.
 */
export function rpcErrorOf(error: unknown): RpcErrorBody {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'number' &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    const data = 'data' in error ? error.data : undefined;
    return { code: error.code, message: error.message, ...(data !== undefined && { data }) };
  }
  return { code: -32603, message: error instanceof Error ? error.message : String(error) };
}
