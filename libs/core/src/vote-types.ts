/** Snapshot's vote types, under their Snapshot names (what messages carry and exports hold). */
export const VOTE_TYPES = [
  'basic',
  'single-choice',
  'approval',
  'weighted',
  'quadratic',
  'ranked-choice',
] as const;
export type VoteType = (typeof VOTE_TYPES)[number];
