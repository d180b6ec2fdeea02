import { adjustVInSignature } from '@safe-global/protocol-kit';
import { SigningMethod } from '@safe-global/types-kit';
import { hashMessage, keccak256, recoverAddress, toHex, type Hex } from 'viem';
import { privateKeyToAccount, sign } from 'viem/accounts';
import { safeEthSignSignature, signSafeTxHashWithPersonalSign } from './safe-eth-sign.js';

const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const owner = privateKeyToAccount(KEY);
const hashes = [keccak256(toHex('payout batch')), keccak256(toHex('rejection')), keccak256(toHex('3'))];

/** A signature as a hardware wallet may answer it: v as 0/1 instead of 27/28. */
const withYParity = (signature: Hex): Hex =>
  `${signature.slice(0, -2)}${(parseInt(signature.slice(-2), 16) - 27).toString(16).padStart(2, '0')}` as Hex;

describe('Safe eth_sign confirmation through personal_sign', () => {
  it.each(hashes)(
    'encodes %s exactly as protocol-kit does, v 31/32, recoverable as the API recovers it',
    async (hash) => {
      const signature = await signSafeTxHashWithPersonalSign(
        (message) => owner.signMessage({ message }),
        owner.address,
        hash,
      );
      const raw = await owner.signMessage({ message: { raw: hash } });
      expect(signature).toBe(await adjustVInSignature(SigningMethod.ETH_SIGN, raw, hash, owner.address));
      const v = parseInt(signature.slice(-2), 16);
      expect([31, 32]).toContain(v);
      const recoverable = `${signature.slice(0, -2)}${(v - 4).toString(16)}` as Hex;
      expect(await recoverAddress({ hash: hashMessage({ raw: hash }), signature: recoverable })).toBe(
        owner.address,
      );
    },
  );

  it('normalizes a wallet answering v as 0/1, as protocol-kit does', async () => {
    const raw = await owner.signMessage({ message: { raw: hashes[0] } });
    const adjusted = await safeEthSignSignature(withYParity(raw), hashes[0], owner.address);
    expect(adjusted).toBe(
      await adjustVInSignature(SigningMethod.ETH_SIGN, withYParity(raw), hashes[0], owner.address),
    );
    expect(adjusted).toBe(await safeEthSignSignature(raw, hashes[0], owner.address));
  });

  it('keeps v of a signature over the bare hash (no prefix): a plain ECDSA signature', async () => {
    const bare = await sign({ hash: hashes[1], privateKey: KEY, to: 'hex' });
    const adjusted = await safeEthSignSignature(bare, hashes[1], owner.address);
    expect(adjusted).toBe(await adjustVInSignature(SigningMethod.ETH_SIGN, bare, hashes[1], owner.address));
    expect([27, 28]).toContain(parseInt(adjusted.slice(-2), 16));
  });

  it('refuses a signature whose v is not ECDSA', async () => {
    const raw = await owner.signMessage({ message: { raw: hashes[2] } });
    await expect(
      safeEthSignSignature(`${raw.slice(0, -2)}05` as Hex, hashes[2], owner.address),
    ).rejects.toThrow('Not an ECDSA signature: v is 5');
  });
});
