/**
 * The stake-weighted median of review scores: the smallest score at which the reviewers scoring
 * at or below it hold at least half of the stake. Null without any stake.
 */
export function stakeWeightedMedian(reviews: ReadonlyArray<{ score: number; stake: bigint }>): number | null {
  const staked = reviews.filter((review) => review.stake > 0n).sort((a, b) => a.score - b.score);
  const total = staked.reduce((sum, review) => sum + review.stake, 0n);
  if (total === 0n) return null;
  let atOrBelow = 0n;
  for (const review of staked) {
    atOrBelow += review.stake;
    if (atOrBelow * 2n >= total) return review.score;
  }
  return staked[staked.length - 1].score;
}

/**
 * The outcome of an attestation's review phase: ACCEPTED when it has at least `minReviews`
 * (non-voided) reviews and their stake-weighted median reaches `acceptanceScore`.
 */
export function reviewOutcome(
  reviews: ReadonlyArray<{ score: number; stake: bigint }>,
  rule: { minReviews: number; acceptanceScore: number },
): { status: 'ACCEPTED' | 'REJECTED'; consensusScore: number | null } {
  const consensusScore = stakeWeightedMedian(reviews);
  const accepted =
    reviews.length >= rule.minReviews && consensusScore !== null && consensusScore >= rule.acceptanceScore;
  return { status: accepted ? 'ACCEPTED' : 'REJECTED', consensusScore };
}
