import { defineJob } from '@guildhall/database';
import { z } from 'zod';

/** Due at a proposal's start and at its end; the handler moves it to the state its deadlines call for. */
export const ProposalDeadline = defineJob({
  name: 'governance.proposal-deadline',
  schema: z.object({ proposalId: z.uuid(), dueAt: z.iso.datetime() }),
  retryLimit: 10,
  retryDelaySeconds: 1,
});
