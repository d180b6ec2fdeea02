import {
  concatHex,
  encodeAbiParameters,
  hashDomain,
  hashStruct,
  hashTypedData,
  keccak256,
  toHex,
  zeroAddress,
} from 'viem';
import { SAFE_TX_TYPES, safeTxHashes, safeTxTypedData } from './safe-tx.js';

const safe = '0x5d4eC930d36fbEaf565Fe2dd89E4D09c50Ad0925';
const tx = {
  safe,
  to: '0x960983124bB5B866205d0A182e7f201C1A8bE2aD',
  value: '0',
  data: '0xa9059cbb00000000000000000000000014dc79964da2c08b23698b3d3cc7ca32193d99550000000000000000000000000000000000000000000000000000000002faf080',
  operation: 0,
  safeTxGas: '0',
  baseGas: '0',
  gasPrice: '0',
  gasToken: zeroAddress,
  refundReceiver: zeroAddress,
  nonce: '7',
} as const;

describe('safeTxHashes', () => {
  const hashes = safeTxHashes(31337, tx);

  it('gives the domain hash of { chainId, verifyingContract: safe }, as Safe 1.4.1 defines it', () => {
    // Safe 1.4.1's DOMAIN_SEPARATOR_TYPEHASH and domainSeparator(), written out.
    const typeHash = keccak256(toHex('EIP712Domain(uint256 chainId,address verifyingContract)'));
    expect(hashes.domainHash).toBe(
      keccak256(
        encodeAbiParameters(
          [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }],
          [typeHash, 31337n, safe],
        ),
      ),
    );
    expect(hashes.domainHash).toBe(
      hashDomain({
        domain: { chainId: 31337n, verifyingContract: safe },
        types: {
          EIP712Domain: [
            { name: 'chainId', type: 'uint256' },
            { name: 'verifyingContract', type: 'address' },
          ],
        },
      }),
    );
  });

  it('gives the message hash of the SafeTx struct (viem hashStruct)', () => {
    const typedData = safeTxTypedData(31337, tx);
    expect(hashes.messageHash).toBe(
      hashStruct({ data: typedData.message, primaryType: 'SafeTx', types: SAFE_TX_TYPES }),
    );
  });

  it('hashes keccak256(0x1901 ‖ domainHash ‖ messageHash) to the safeTxHash', () => {
    expect(keccak256(concatHex(['0x1901', hashes.domainHash, hashes.messageHash]))).toBe(hashes.safeTxHash);
    expect(hashes.safeTxHash).toBe(hashTypedData(safeTxTypedData(31337, tx)));
  });

  it('changes the domain hash alone with the chain or the Safe, the message hash alone with a field', () => {
    const otherChain = safeTxHashes(1, tx);
    expect(otherChain.domainHash).not.toBe(hashes.domainHash);
    expect(otherChain.messageHash).toBe(hashes.messageHash);

    const otherNonce = safeTxHashes(31337, { ...tx, nonce: '8' });
    expect(otherNonce.domainHash).toBe(hashes.domainHash);
    expect(otherNonce.messageHash).not.toBe(hashes.messageHash);
  });
});
