import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const SignedWriteErrorCode = {
  /** The signature is not `from`'s signature of this exact typed data (wrong signer, domain, DAO or field). */
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  MESSAGE_TOO_OLD: 'MESSAGE_TOO_OLD',
  MESSAGE_FROM_THE_FUTURE: 'MESSAGE_FROM_THE_FUTURE',
} as const;
export type SignedWriteErrorCode = (typeof SignedWriteErrorCode)[keyof typeof SignedWriteErrorCode];

export class SignedWriteError extends GuildhallError<SignedWriteErrorCode> {
  readonly category: ErrorCategory = 'UNAUTHORIZED';
}
