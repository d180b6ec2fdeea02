import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const YumaErrorCode = {
  INVALID_YUMA_INPUT: 'INVALID_YUMA_INPUT',
} as const;
export type YumaErrorCode = (typeof YumaErrorCode)[keyof typeof YumaErrorCode];

const categories: Record<YumaErrorCode, ErrorCategory> = {
  INVALID_YUMA_INPUT: 'BAD_INPUT',
};

/** A Yuma epoch that cannot be computed as given; `details.issues` lists every problem found. */
export class YumaError extends GuildhallError<YumaErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
