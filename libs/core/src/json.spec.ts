import { jsonText, toPlainJson } from './json.js';

describe('jsonText / toPlainJson', () => {
  it('writes every bigint, however deep, as its exact decimal string', () => {
    const value = { amount: 10n ** 30n + 1n, nested: [{ vp: -5n }], note: 'x' };
    expect(jsonText(value)).toBe(
      '{"amount":"1000000000000000000000000000001","nested":[{"vp":"-5"}],"note":"x"}',
    );
    expect(toPlainJson(value)).toEqual({
      amount: '1000000000000000000000000000001',
      nested: [{ vp: '-5' }],
      note: 'x',
    });
    expect(jsonText([1n], 2)).toBe('[\n  "1"\n]');
  });
});
