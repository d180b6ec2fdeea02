import type { GuildhallApiError } from '@guildhall/sdk';

/** EIP-1193's "user rejected the request", however deep a library wrapped it. */
export function isUserRejection(error: unknown): boolean {
  for (
    let cause = error;
    typeof cause === 'object' && cause !== null;
    cause = (cause as { cause?: unknown }).cause
  ) {
    if ((cause as { code?: unknown }).code === 4001) return true;
  }
  return false;
}

/** What went wrong, in one line: a wallet's message, or the API's code and message. */
export function describeError(error: unknown): string {
  if (isUserRejection(error)) return 'You declined the request in your wallet. Nothing was signed or sent.';
  const api = error as Partial<GuildhallApiError>;
  if (typeof api.code === 'string' && typeof api.category === 'string') return `${api.code}: ${api.message}`;
  const short = (error as { shortMessage?: unknown }).shortMessage;
  if (typeof short === 'string') return short;
  return error instanceof Error ? error.message : String(error);
}
