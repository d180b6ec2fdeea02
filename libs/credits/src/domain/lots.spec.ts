import { takeFromLots, type Lot } from './lots.js';

const lot = (grantId: string, remaining: bigint, effective: string, expires: string | null): Lot => ({
  grantId,
  remaining,
  effectiveAt: new Date(effective),
  expiresAt: expires === null ? null : new Date(expires),
});

describe('takeFromLots', () => {
  const lots = [
    lot('never', 10n, '2026-01-01', null),
    lot('late', 10n, '2026-01-01', '2026-12-01'),
    lot('soon-new', 10n, '2026-02-01', '2026-06-01'),
    lot('soon-old', 10n, '2026-01-15', '2026-06-01'),
  ];

  it('takes the earliest expiry first, then the oldest, and grants without expiry last', () => {
    expect(takeFromLots(lots, 35n)).toEqual([
      { grantId: 'soon-old', amount: 10n },
      { grantId: 'soon-new', amount: 10n },
      { grantId: 'late', amount: 10n },
      { grantId: 'never', amount: 5n },
    ]);
    expect(takeFromLots(lots, 3n)).toEqual([{ grantId: 'soon-old', amount: 3n }]);
  });

  it('orders two grants without expiry by age', () => {
    expect(takeFromLots([lot('b', 5n, '2026-03-01', null), lot('a', 5n, '2026-02-01', null)], 6n)).toEqual([
      { grantId: 'a', amount: 5n },
      { grantId: 'b', amount: 1n },
    ]);
  });

  it('answers undefined when the lots hold less than asked', () => {
    expect(takeFromLots(lots, 41n)).toBeUndefined();
    expect(takeFromLots([], 1n)).toBeUndefined();
  });
});
