import { isAddress, isHex, type Address as ViemAddress, type Hex as ViemHex } from 'viem';
import { z } from 'zod';
import { checksumAddress } from '../crypto/keccak.js';

/** An EVM address in any case; parsed to its EIP-55 checksummed form. */
export const Address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: 'not an EVM address' })
  .transform((value): ViemAddress => checksumAddress(value));
export type Address = ViemAddress;

/** 0x-prefixed hex data (any even length), lower-cased. */
export const Hex = z
  .string()
  .refine((value) => isHex(value, { strict: true }) && value.length % 2 === 0, {
    message: 'not 0x-prefixed hex bytes',
  })
  .transform((value) => value.toLowerCase() as ViemHex);
export type Hex = ViemHex;

/** A 32-byte hash. */
export const Bytes32 = Hex.refine((value) => value.length === 66, { message: 'not 32 bytes' });

const MAX_UINT256 = 2n ** 256n - 1n;

/** A uint256 as a decimal string (or bigint) → bigint. Money always travels this way. */
export const Uint256 = z
  .union([z.string().regex(/^(0|[1-9][0-9]*)$/, 'not a non-negative decimal integer'), z.bigint()])
  .transform((value) => BigInt(value))
  .refine((value) => value >= 0n && value <= MAX_UINT256, { message: 'out of uint256 range' });
export type Uint256 = bigint;
