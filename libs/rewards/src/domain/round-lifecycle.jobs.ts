import { defineJob } from '@guildhall/database';
import { z } from 'zod';

/** Due at each phase time of a round; the handler moves it to the state its phases call for. */
export const RoundPhaseDue = defineJob({
  name: 'rewards.round-phase',
  schema: z.object({ roundId: z.uuid(), dueAt: z.iso.datetime() }),
  retryLimit: 10,
  retryDelaySeconds: 1,
});
