import { trancheReason } from './round-tranches.payable.js';

describe('trancheReason', () => {
  it('names the round and the attestations the allocation pays for', () => {
    expect(trancheReason({ roundName: '3', attestations: ['42'], pool: 'FINE_TUNING' })).toBe(
      'round 3, attestation 42',
    );
    expect(trancheReason({ roundName: '3', attestations: ['42', '43'], pool: 'FINE_TUNING' })).toBe(
      'round 3, attestations 42, 43',
    );
  });

  it('names the pool of reviewer dividends, which pay for no attestation', () => {
    expect(trancheReason({ roundName: 'Spring', attestations: [], pool: 'REVIEWERS' })).toBe(
      'round Spring, reviewer dividends (REVIEWERS)',
    );
  });
});
