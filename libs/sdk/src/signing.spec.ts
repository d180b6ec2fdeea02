import { hashTypedData, recoverTypedDataAddress, zeroAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { SafeTxHashMismatchError } from './errors.js';
import { GuildhallSigner, safeTxTypedData } from './signing.js';

const account = privateKeyToAccount(generatePrivateKey());
const fields = {
  safe: '0x5d4eC930d36fbEaf565Fe2dd89E4D09c50Ad0925',
  to: '0x960983124bB5B866205d0A182e7f201C1A8bE2aD',
  value: '0',
  data: '0x',
  operation: 0,
  safeTxGas: '0',
  baseGas: '0',
  gasPrice: '0',
  gasToken: zeroAddress,
  refundReceiver: zeroAddress,
  nonce: '3',
} as const;
const tx = { ...fields, safeTxHash: hashTypedData(safeTxTypedData(31337, fields)) };

describe('GuildhallSigner.signSafeTransaction', () => {
  it("signs Safe's EIP-712 SafeTx of a transaction as the API returns it", async () => {
    const signature = await new GuildhallSigner(account, 31337).signSafeTransaction(tx);

    expect(await recoverTypedDataAddress({ ...safeTxTypedData(31337, fields), signature })).toBe(
      account.address,
    );
  });

  it('refuses, with a typed error, a transaction whose fields do not hash to its safeTxHash', async () => {
    const onAnotherChain = new GuildhallSigner(account, 1).signSafeTransaction(tx);
    const tampered = new GuildhallSigner(account, 31337).signSafeTransaction({ ...tx, nonce: '4' });

    await expect(onAnotherChain).rejects.toThrow(SafeTxHashMismatchError);
    await expect(tampered).rejects.toMatchObject({
      code: 'SAFE_TX_HASH_MISMATCH',
      safeTxHash: tx.safeTxHash,
    });
  });
});
