/** An RPC URL fit for messages and logs: its origin only, since paths and queries often hold API keys. */
export function describeRpc(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).origin;
  } catch {
    return 'an invalid RPC URL';
  }
}
