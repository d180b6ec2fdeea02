import { defineJob } from '@guildhall/database';
import { z } from 'zod';

/** Due at an attestation's review deadline; the handler closes its review phase. */
export const ReviewDeadline = defineJob({
  name: 'contributions.review-deadline',
  schema: z.object({ attestationId: z.uuid(), dueAt: z.iso.datetime() }),
  retryLimit: 10,
  retryDelaySeconds: 1,
});
