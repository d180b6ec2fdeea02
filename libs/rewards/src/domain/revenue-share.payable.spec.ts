import { revenueShareReason } from './revenue-share.payable.js';

describe('revenueShareReason', () => {
  it('names the revenue and the holders it is shared to', () => {
    expect(revenueShareReason({ reference: 'invoice 7', target: 'HOLDERS', model: null })).toBe(
      'revenue "invoice 7" shared to holders',
    );
  });

  it('names the model whose contributors it is shared to', () => {
    expect(
      revenueShareReason({ reference: 'API, October', target: 'CONTRIBUTORS_OF_MODEL', model: 'guild-7b' }),
    ).toBe('revenue "API, October" shared to contributors of guild-7b');
  });
});
