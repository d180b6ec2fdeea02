import {
  concatHex,
  hashTypedData,
  keccak256,
  numberToHex,
  pad,
  size,
  slice,
  zeroAddress,
  type Hex,
} from 'viem';
import { safeTxHashes, safeTxTypedData } from '@guildhall/core';
import type { SafeTxFields } from '../domain/safe-transaction.js';
import { SafeKit } from './safe-kit.js';

const safe = '0x5d4eC930d36fbEaf565Fe2dd89E4D09c50Ad0925';
const fields: SafeTxFields = {
  to: '0x960983124bB5B866205d0A182e7f201C1A8bE2aD',
  value: 0n,
  data: '0xa9059cbb00000000000000000000000014dc79964da2c08b23698b3d3cc7ca32193d99550000000000000000000000000000000000000000000000000000000002faf080',
  operation: 0,
  safeTxGas: 0n,
  baseGas: 0n,
  gasPrice: 0n,
  gasToken: zeroAddress,
  refundReceiver: zeroAddress,
  nonce: 7n,
};
// Hashing and signature encoding are offline: the RPC is never called.
const kit = new SafeKit('http://127.0.0.1:1', 31337);

describe('SafeKit (the protocol-kit adapter)', () => {
  it('hashes a SafeTx as EIP-712 does, and its pre-image is what that hash hashes', () => {
    const expected = hashTypedData(safeTxTypedData(31337, { ...fields, safe }));

    expect(kit.hash(safe, fields, '1.4.1')).toBe(expected);
    expect(keccak256(kit.preimage(safe, fields, '1.4.1'))).toBe(expected);
    expect(kit.hash(safe, { ...fields, nonce: 8n }, '1.4.1')).not.toBe(expected);
    expect(new SafeKit('http://127.0.0.1:1', 1).hash(safe, fields, '1.4.1')).not.toBe(expected);
  });

  it('splits the hash as protocol-kit does: its pre-image is 0x1901 ‖ domainHash ‖ messageHash', () => {
    const { domainHash, messageHash, safeTxHash } = safeTxHashes(31337, { ...fields, safe });

    expect(kit.preimage(safe, fields, '1.4.1')).toBe(concatHex(['0x1901', domainHash, messageHash]));
    expect(safeTxHash).toBe(kit.hash(safe, fields, '1.4.1'));
  });

  it('sorts signatures by owner and appends a contract signature’s data after the static parts', () => {
    const low = '0x1000000000000000000000000000000000000001';
    const high = '0xF000000000000000000000000000000000000001';
    const contract = '0x8000000000000000000000000000000000000001';
    const ecdsa = (byte: string): Hex => `0x${byte.repeat(64)}1b`;
    const contractData: Hex = '0xdeadbeefcafe';

    const bytes = kit.signatureBytes([
      { owner: high, signature: ecdsa('22'), isContractSignature: false },
      { owner: contract, signature: contractData, isContractSignature: true },
      { owner: low, signature: ecdsa('11'), isContractSignature: false },
    ]);

    expect(slice(bytes, 0, 65)).toBe(ecdsa('11'));
    // The contract owner's static part: r = owner, s = offset of its data (after 3 × 65 bytes), v = 0.
    expect(slice(bytes, 65, 130)).toBe(
      concatHex([pad(contract.toLowerCase() as Hex), pad(numberToHex(195)), '0x00']),
    );
    expect(slice(bytes, 130, 195)).toBe(ecdsa('22'));
    expect(slice(bytes, 195)).toBe(concatHex([pad(numberToHex(size(contractData))), contractData]));
  });
});
