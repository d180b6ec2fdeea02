import type { CreditsError } from './credits.error.js';
import { assertBalanced } from './journal.js';

const codeOf = (attempt: () => void): string | undefined => {
  try {
    attempt();
    return undefined;
  } catch (error) {
    return (error as CreditsError).code;
  }
};

describe('assertBalanced', () => {
  it('accepts postings that sum to zero in each credit type', () => {
    expect(
      codeOf(() =>
        assertBalanced([
          { accountId: 'a', creditTypeId: 'gpu', amount: -5n },
          { accountId: 'b', creditTypeId: 'gpu', amount: 5n },
          { accountId: 'a', creditTypeId: 'tok', amount: 7n },
          { accountId: 'c', creditTypeId: 'tok', amount: -7n },
        ]),
      ),
    ).toBeUndefined();
  });

  it('refuses a journal that does not balance per credit type, even when the total does', () => {
    expect(
      codeOf(() =>
        assertBalanced([
          { accountId: 'a', creditTypeId: 'gpu', amount: -5n },
          { accountId: 'b', creditTypeId: 'tok', amount: 5n },
        ]),
      ),
    ).toBe('UNBALANCED');
    expect(codeOf(() => assertBalanced([{ accountId: 'a', creditTypeId: 'gpu', amount: 1n }]))).toBe(
      'UNBALANCED',
    );
  });

  it('refuses a zero posting', () => {
    expect(
      codeOf(() =>
        assertBalanced([
          { accountId: 'a', creditTypeId: 'gpu', amount: 0n },
          { accountId: 'b', creditTypeId: 'gpu', amount: 0n },
        ]),
      ),
    ).toBe('NEGATIVE_AMOUNT');
  });
});
