import { checksumAddress as viemChecksumAddress, keccak256 as viemKeccak256, toHex as viemToHex } from 'viem';
import { checksumAddress, keccak256, keccak256Hex } from './keccak.js';

describe('keccak256', () => {
  it('equals viem’s keccak256 for every length from 0 to 300 bytes (past two rate blocks)', () => {
    for (let length = 0; length <= 300; length += 1) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) % 256);
      expect(keccak256Hex(data)).toBe(viemKeccak256(data));
      expect(viemToHex(keccak256(data))).toBe(viemKeccak256(data));
    }
  });

  it('gives each call its own result (one hasher serves every call)', () => {
    const first = keccak256(Uint8Array.of(1));
    const second = keccak256(Uint8Array.of(2));
    expect(viemToHex(first)).toBe(viemKeccak256(Uint8Array.of(1)));
    expect(viemToHex(second)).toBe(viemKeccak256(Uint8Array.of(2)));
  });
});

describe('checksumAddress', () => {
  it('is EIP-55, as viem computes it, from any case', () => {
    for (let i = 0; i < 200; i += 1) {
      const address = viemToHex(Uint8Array.from({ length: 20 }, (_, k) => (i * 97 + k * 13) % 256));
      expect(checksumAddress(address)).toBe(viemChecksumAddress(address));
      expect(checksumAddress(address.toUpperCase().replace('0X', '0x'))).toBe(viemChecksumAddress(address));
    }
  });
});
