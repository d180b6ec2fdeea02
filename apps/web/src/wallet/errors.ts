import type { GuildhallApiError } from '@guildhall/sdk';

/** Whether an EIP-1193 error `code` is in the chain of causes a library wrapped the wallet's error in. */
function hasCode(error: unknown, code: number): boolean {
  for (
    let cause = error;
    typeof cause === 'object' && cause !== null;
    cause = (cause as { cause?: unknown }).cause
  ) {
    if ((cause as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** EIP-1193's "user rejected the request" (4001). */
export const isUserRejection = (error: unknown): boolean => hasCode(error, 4001);

/** What went wrong, in one line: a wallet's message, or the API's code and message. */
export function describeError(error: unknown): string {
  if (isUserRejection(error)) return 'You declined the request in your wallet. Nothing was signed or sent.';
  // 4200: unsupported method, e.g. a hardware wallet behind a browser wallet asked for EIP-712.
  if (hasCode(error, 4200))
    return 'Your wallet cannot sign typed data (EIP-712), which this step needs. Nothing was signed or sent.';
  const api = error as Partial<GuildhallApiError>;
  if (typeof api.code === 'string' && typeof api.category === 'string') return `${api.code}: ${api.message}`;
  const short = (error as { shortMessage?: unknown }).shortMessage;
  if (typeof short === 'string') return short;
  return error instanceof Error ? error.message : String(error);
}
