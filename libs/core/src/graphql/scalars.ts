import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { z } from 'zod';
import { Address, Bytes32, Hex, Uint256 } from '../schemas/primitives.js';

/**
 * GraphQL scalars backed by the same zod primitives as every other boundary: a value the schema
 * rejects never reaches a resolver.
 */
function zodScalar<Out>(
  name: string,
  description: string,
  schema: z.ZodType<Out, unknown>,
  serialize: (value: Out) => string,
) {
  const parse = (value: unknown): Out => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new GraphQLError(`${name}: ${result.error.issues[0]?.message ?? 'invalid value'}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return result.data;
  };
  return new GraphQLScalarType<Out, string>({
    name,
    description,
    serialize: (value) => serialize(parse(typeof value === 'bigint' ? value.toString() : value)),
    parseValue: (value) => {
      if (typeof value !== 'string')
        throw new GraphQLError(`${name}: expected a string`, { extensions: { code: 'BAD_USER_INPUT' } });
      return parse(value);
    },
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING)
        throw new GraphQLError(`${name}: expected a string literal`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      return parse(ast.value);
    },
  });
}

export const AddressScalar = zodScalar(
  'Address',
  'An EVM address, EIP-55 checksummed on output; any case on input.',
  Address,
  String,
);
export const HexScalar = zodScalar('Hex', '0x-prefixed hex bytes, lower-case.', Hex, String);
export const Bytes32Scalar = zodScalar('Bytes32', 'A 0x-prefixed 32-byte hash.', Bytes32, String);
export const BigIntScalar = zodScalar(
  'BigInt',
  'A non-negative integer up to 2^256 - 1, as a decimal string (token amounts are in base units).',
  Uint256,
  (value) => value.toString(),
);

/** Arbitrary JSON, for documents whose format is specified elsewhere (e.g. the proposal export). */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'A JSON value whose format the field documents.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: () => {
    throw new GraphQLError('JSON: not accepted as an input', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
