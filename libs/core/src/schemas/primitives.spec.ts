import { Address, Hex, Uint256 } from './primitives.js';

describe('zod primitives', () => {
  it('checksums addresses and rejects non-addresses', () => {
    expect(Address.parse('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')).toBe(
      '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    );
    expect(Address.safeParse('0x1234').success).toBe(false);
  });

  it('parses uint256 decimal strings to bigint and rejects everything else', () => {
    expect(Uint256.parse('1000000000000000000000')).toBe(1_000_000_000_000_000_000_000n);
    expect(Uint256.parse((2n ** 256n - 1n).toString())).toBe(2n ** 256n - 1n);
    for (const bad of ['-1', '1.5', '01', '', '1e18', (2n ** 256n).toString()]) {
      expect(Uint256.safeParse(bad).success).toBe(false);
    }
  });

  it('lower-cases hex and rejects odd lengths', () => {
    expect(Hex.parse('0xABCD')).toBe('0xabcd');
    expect(Hex.safeParse('0xabc').success).toBe(false);
    expect(Hex.safeParse('abcd').success).toBe(false);
  });
});
