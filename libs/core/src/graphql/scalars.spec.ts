import { Kind } from 'graphql';
import { AddressScalar, BigIntScalar } from './scalars.js';

describe('GraphQL scalars', () => {
  it('round-trips uint256 amounts as decimal strings', () => {
    const huge = 2n ** 255n + 7n;
    expect(BigIntScalar.serialize(huge)).toBe(huge.toString());
    expect(BigIntScalar.parseValue(huge.toString())).toBe(huge);
    expect(BigIntScalar.parseLiteral({ kind: Kind.STRING, value: '42' })).toBe(42n);
  });

  it('rejects numbers for amounts, so no precision is lost on the way in', () => {
    expect(() => BigIntScalar.parseValue(1e18)).toThrow('BigInt: expected a string');
    expect(() => BigIntScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow(
      'expected a string literal',
    );
    expect(() => BigIntScalar.parseValue('-5')).toThrow('BigInt: not a non-negative decimal integer');
  });

  it('checksums addresses on the way in and out', () => {
    const lower = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
    expect(AddressScalar.parseValue(lower)).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    expect(() => AddressScalar.parseValue('0x123')).toThrow('Address: not an EVM address');
  });
});
