import { toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS, DEV_MNEMONIC } from './dev-accounts.js';

describe('DEV_ACCOUNTS', () => {
  it('are accounts 0–9 of the development mnemonic', () => {
    const derived = Array.from({ length: 10 }, (_, index) => {
      const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
      return { index, address: account.address, privateKey: toHex(account.getHdKey().privateKey!) };
    });
    expect(DEV_ACCOUNTS).toEqual(derived);
  });
});
