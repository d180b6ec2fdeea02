import type { CreditPosting } from './credits.js';
import { CreditsError, CreditsErrorCode } from './credits.error.js';

/**
 * A journal entry's rule, checked before anything is written (the database checks it again at
 * commit): at least two postings, none of zero, summing to zero in each credit type.
 */
export function assertBalanced(postings: readonly CreditPosting[]): void {
  if (postings.length < 2)
    throw new CreditsError(
      CreditsErrorCode.UNBALANCED,
      'A transfer moves credits between at least two accounts',
      {
        postings: postings.length,
      },
    );
  const sums = new Map<string, bigint>();
  for (const { creditTypeId, amount } of postings) {
    if (amount === 0n)
      throw new CreditsError(CreditsErrorCode.NEGATIVE_AMOUNT, 'A posting moves a non-zero amount', {
        creditTypeId,
      });
    sums.set(creditTypeId, (sums.get(creditTypeId) ?? 0n) + amount);
  }
  for (const [creditTypeId, sum] of sums) {
    if (sum !== 0n)
      throw new CreditsError(
        CreditsErrorCode.UNBALANCED,
        `The postings in credit type ${creditTypeId} sum to ${sum}, not zero`,
        { creditTypeId, sum: sum.toString() },
      );
  }
}
