import { GraphQLError, GraphQLScalarType } from 'graphql';

const outputOnly = (): never => {
  throw new GraphQLError('SignedBigInt is an output type: amounts sent in are BigInt', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
};

/**
 * A ledger amount that may be negative (a posting out of an account, the issuance account's balance),
 * as a decimal string: the BigInt scalar is non-negative, as every amount sent in is.
 */
export const SignedBigIntScalar = new GraphQLScalarType<bigint, string>({
  name: 'SignedBigInt',
  description: 'An integer that may be negative, as a decimal string (base units of a credit type).',
  serialize: (value) => {
    if (typeof value !== 'bigint')
      throw new GraphQLError(`SignedBigInt: expected a bigint, got ${typeof value}`);
    return value.toString();
  },
  parseValue: outputOnly,
  parseLiteral: outputOnly,
});
