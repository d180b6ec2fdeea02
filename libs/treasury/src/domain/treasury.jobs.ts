import { defineJob } from '@guildhall/database';
import { z } from 'zod';

/**
 * One pass of the treasury over every DAO: reconcile its Safe with the chain, then propose what is
 * due. The pass at work schedules the next one; one waits at a time, whichever worker runs it.
 */
export const TreasurySweep = defineJob({
  name: 'treasury.sweep',
  schema: z.object({}),
  retryLimit: 10,
  retryDelaySeconds: 2,
  policy: 'short',
});

/** Seconds between two passes of the treasury. */
export const TREASURY_SWEEP_INTERVAL_SECONDS = 2;

/** Singleton key of the scheduled pass: one waits at a time. */
export const SWEEP_SCHEDULED = 'scheduled';

/**
 * Singleton key of a pass asked for now (after a proposal or an execution): its own key, so it is not
 * dropped for the scheduled pass already waiting its turn.
 */
export const SWEEP_NOW = 'now';
