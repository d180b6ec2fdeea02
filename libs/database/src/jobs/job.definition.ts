import type { z } from 'zod';

/**
 * A kind of background job: its queue name, the zod schema its payload is parsed with (at send and
 * again at work time: a job row is data from outside), and its retry policy.
 */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: Schema;
  /** How many times a failed job is retried before it is marked failed (default 5). */
  readonly retryLimit?: number;
  /** Seconds before the first retry; doubles with jitter on each further retry (default 2). */
  readonly retryDelaySeconds?: number;
  /** Seconds a job may run before it is considered lost and retried (default 300). */
  readonly expireInSeconds?: number;
  /**
   * pg-boss queue policy: `standard` (default) queues every job; `short` keeps at most one queued
   * job per singleton key (a second send with the key is dropped while one waits).
   */
  readonly policy?: 'standard' | 'short';
}

export type JobPayload<D extends JobDefinition> = z.input<D['schema']>;
export type ParsedJobPayload<D extends JobDefinition> = z.output<D['schema']>;

const QUEUE_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

export function defineJob<Schema extends z.ZodType>(
  definition: JobDefinition<Schema>,
): JobDefinition<Schema> {
  if (!QUEUE_NAME.test(definition.name)) {
    throw new Error(
      `Job name "${definition.name}" must be dot-separated kebab-case, e.g. "treasury.execute-payout"`,
    );
  }
  return Object.freeze(definition);
}
