import { createKeccak } from 'hash-wasm';
import type { Address, Hex } from 'viem';

/**
 * Keccak-256 compiled to WebAssembly (hash-wasm): 1–1.5 µs for the short inputs of EIP-712 and
 * addresses where viem's pure-JS keccak (@noble/hashes) takes 5–12 µs. A signed write hashes about
 * ten times, so this is what keeps hashing off the top of the API's profile. One instance serves
 * the process: each call runs init → update → digest synchronously, so calls never interleave.
 */
const hasher = await createKeccak(256);

export function keccak256(data: Uint8Array): Uint8Array {
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
}

/** `keccak256` as `0x`-prefixed lower-case hex, as viem's `keccak256` answers. */
export function keccak256Hex(data: Uint8Array): Hex {
  hasher.init();
  hasher.update(data);
  return `0x${hasher.digest('hex')}`;
}

const utf8 = new TextEncoder();

/**
 * The EIP-55 checksummed form of a 20-byte hex address (any case; its format is the caller's to
 * check). Equal to viem's `checksumAddress`, which a unit test compares it with.
 */
export function checksumAddress(address: string): Address {
  const lower = address.slice(2).toLowerCase();
  const hash = keccak256(utf8.encode(lower));
  let checksummed = '0x';
  for (let i = 0; i < 40; i += 1) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    checksummed += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return checksummed as Address;
}
