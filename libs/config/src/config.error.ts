import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const ConfigErrorCode = {
  INVALID_ENVIRONMENT: 'INVALID_ENVIRONMENT',
  MISSING_VARIABLE: 'MISSING_VARIABLE',
} as const;
export type ConfigErrorCode = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];

export interface ConfigIssue {
  readonly variable: string;
  readonly problem: string;
}

/** Boot stops with this error; its message names every variable that is wrong. */
export class ConfigError extends GuildhallError<ConfigErrorCode> {
  readonly category: ErrorCategory = 'BAD_INPUT';

  constructor(
    code: ConfigErrorCode,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      code,
      ['Invalid configuration:', ...issues.map(({ variable, problem }) => `  ${variable}: ${problem}`)].join(
        '\n',
      ),
      { issues },
    );
  }
}
