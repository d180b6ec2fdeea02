import { defineJob } from '@guildhall/database';
import { z } from 'zod';

/**
 * One pass of the credits worker: moves expired grants' remainders out and voids timed-out holds.
 * The pass at work schedules the next one; one waits at a time, whichever worker runs it.
 */
export const CreditsSweep = defineJob({
  name: 'credits.sweep',
  schema: z.object({}),
  retryLimit: 10,
  retryDelaySeconds: 2,
  policy: 'short',
});

/** Seconds between two passes: a grant expires, and a hold times out, at most this late. */
export const CREDITS_SWEEP_INTERVAL_SECONDS = 5;

/** Singleton key of the scheduled pass. */
export const CREDITS_SWEEP_SCHEDULED = 'scheduled';
