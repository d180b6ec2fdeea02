import { defineJob } from '@guildhall/database';
import { z } from 'zod';

/** Indexes a token's Transfer log to the chain head, then comes back later for the new blocks. */
export const IndexTokenHolders = defineJob({
  name: 'rewards.index-token-holders',
  schema: z.object({ token: z.string().regex(/^0x[0-9a-fA-F]{40}$/) }),
  retryLimit: 10,
  retryDelaySeconds: 5,
  // One waiting pass per token: the pass at work schedules the next one.
  policy: 'short',
});

/** Seconds between two passes of the holder indexer over a token. */
export const HOLDER_INDEX_INTERVAL_SECONDS = 15;
