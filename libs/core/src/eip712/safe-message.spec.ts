import { hashTypedData, recoverTypedDataAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { guildhallDomain } from './domain.js';
import { concatSafeSignatures, safeMessageTypedData } from './safe-message.js';

const owner = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const safe = '0x1111111111111111111111111111111111111111';
const typedData = {
  domain: guildhallDomain(31337),
  types: { Ping: [{ name: 'note', type: 'string' }] },
  primaryType: 'Ping',
  message: { note: 'hello' },
} as const;

describe('safeMessageTypedData', () => {
  it('wraps the EIP-712 hash of the typed data in a SafeMessage for the Safe on its chain', async () => {
    const safeMessage = safeMessageTypedData({ chainId: 31337, safe, typedData });

    expect(safeMessage.domain).toEqual({ chainId: 31337, verifyingContract: safe });
    expect(safeMessage.message.message).toBe(hashTypedData(typedData));
    const signature = await owner.signTypedData(safeMessage);
    await expect(recoverTypedDataAddress({ ...safeMessage, signature })).resolves.toBe(owner.address);
  });
});

describe('concatSafeSignatures', () => {
  it('orders the signatures by ascending owner address, whatever the input order', () => {
    const sig = (byte: string): Hex => `0x${byte.repeat(65)}`;
    const combined = concatSafeSignatures([
      { signer: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', signature: sig('cc') },
      { signer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', signature: sig('aa') },
      { signer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', signature: sig('bb') },
    ]);

    expect(combined).toBe(`0x${'aa'.repeat(65)}${'bb'.repeat(65)}${'cc'.repeat(65)}`);
  });
});
