import { getAddress, hexToBigInt, size, slice, type Address, type Hex } from 'viem';
import type { SignatureType } from './safe-transaction.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/**
 * One owner's signature in Safe 1.4.1's encoding: 65 bytes `r ‖ s ‖ v`, where
 * v 27/28 is ECDSA over the EIP-712 safeTxHash, v > 30 is eth_sign (v − 4 over the prefixed hash),
 * v = 1 is a hash the owner approved on-chain (r = owner), and v = 0 is an ERC-1271 contract
 * signature (r = owner, s = offset of `length ‖ bytes` appended after the 65 bytes).
 */
export type ParsedSignature =
  | { readonly type: 'EOA'; readonly signature: Hex }
  | { readonly type: 'ETH_SIGN'; readonly signature: Hex; readonly recoverable: Hex }
  | { readonly type: 'APPROVED_HASH'; readonly owner: Address; readonly signature: Hex }
  | {
      readonly type: 'CONTRACT';
      readonly owner: Address;
      readonly signature: Hex;
      /** The bytes the owner contract's isValidSignature is asked about. */
      readonly contractSignature: Hex;
    };

const malformed = (reason: string): TreasuryError =>
  new TreasuryError(TreasuryErrorCode.MALFORMED_SIGNATURE, `Malformed Safe signature: ${reason}`, { reason });

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;

/** The owner an `r` word names (the low 20 bytes; the high 12 must be zero). */
function ownerOf(r: Hex): Address {
  if (hexToBigInt(r) >> 160n !== 0n) throw malformed('r does not hold an address');
  return getAddress(slice(r, 12, 32));
}

/** Parses one owner's signature; throws MALFORMED_SIGNATURE for anything else. */
export function parseSafeSignature(signature: string): ParsedSignature {
  if (!HEX.test(signature)) throw malformed('expected 0x-prefixed hex bytes');
  const bytes = signature.toLowerCase() as Hex;
  if (size(bytes) < 65) throw malformed(`expected at least 65 bytes, got ${size(bytes)}`);
  const r = slice(bytes, 0, 32);
  const s = slice(bytes, 32, 64);
  const v = Number(hexToBigInt(slice(bytes, 64, 65)));
  const exactly65 = (type: SignatureType): void => {
    if (size(bytes) !== 65)
      throw malformed(`a ${type} signature is exactly 65 bytes (one owner's), got ${size(bytes)}`);
  };
  if (v === 27 || v === 28) {
    exactly65('EOA');
    return { type: 'EOA', signature: bytes };
  }
  if (v === 31 || v === 32) {
    exactly65('ETH_SIGN');
    const recoverable = `${slice(bytes, 0, 64)}${(v - 4).toString(16)}` as Hex;
    return { type: 'ETH_SIGN', signature: bytes, recoverable };
  }
  if (v === 1) {
    exactly65('APPROVED_HASH');
    return { type: 'APPROVED_HASH', owner: ownerOf(r), signature: bytes };
  }
  if (v === 0) {
    const owner = ownerOf(r);
    const offset = hexToBigInt(s);
    if (offset !== 65n) throw malformed(`a contract signature's data starts at byte 65, not ${offset}`);
    if (size(bytes) < 97) throw malformed('a contract signature lacks the length of its data');
    const length = hexToBigInt(slice(bytes, 65, 97));
    if (BigInt(size(bytes)) !== 97n + length)
      throw malformed(
        `the contract signature's data is ${size(bytes) - 97} bytes, its length says ${length}`,
      );
    const contractSignature = length === 0n ? '0x' : slice(bytes, 97);
    return { type: 'CONTRACT', owner, signature: bytes, contractSignature };
  }
  throw malformed(`unknown signature type v = ${v}`);
}
