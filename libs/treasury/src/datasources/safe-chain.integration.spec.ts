import { testConfig } from '@guildhall/config/testing';
import { ChainClientManager, ChainErrorCode } from '@guildhall/chain';
import { startTestChain, type TestChain } from '@guildhall/chain/testing';
import { concatSafeSignatures } from '@guildhall/core';
import { privateKeyToAccount } from 'viem/accounts';
import { concatHex, keccak256, toHex, type Address, type Hex } from 'viem';
import { SafeChain } from './safe-chain.js';

/**
 * `isValidContractSignature` against Safe 1.4.1 on the devnet: a contract that refuses, reverts or
 * answers nothing is an invalid signature; only an RPC that fails is "unreachable".
 */
describe('SafeChain.isValidContractSignature on the devnet', () => {
  let chain: TestChain;
  let safeChain: SafeChain;
  /** What a contract owner is asked about: any bytes (here, a stand-in for a SafeTx pre-image). */
  const preimage = toHex('a SafeTx pre-image');

  /** The DAO Safe's own ERC-1271 signature of `preimage` by dev accounts `owners`. */
  const daoSafeSignature = (owners: number[]) =>
    Promise.all(
      owners.map(async (index) => {
        const owner = privateKeyToAccount(chain.stack.accounts[index].privateKey);
        const signature = await owner.signTypedData({
          domain: { chainId: chain.chainId, verifyingContract: chain.stack.daoSafe },
          types: { SafeMessage: [{ name: 'message', type: 'bytes' }] },
          primaryType: 'SafeMessage',
          message: { message: preimage },
        });
        return { signer: owner.address, signature };
      }),
    ).then(concatSafeSignatures);

  beforeAll(async () => {
    chain = await startTestChain();
    const config = testConfig({ databaseUrl: 'postgres://unused', rpcUrl: chain.rpcUrl });
    safeChain = new SafeChain(new ChainClientManager({ [chain.chainId]: chain.rpcUrl }), config);
  }, 30_000);
  afterAll(() => chain.close());

  it('accepts a Safe owner’s valid ERC-1271 signature', async () => {
    await expect(
      safeChain.isValidContractSignature(chain.stack.daoSafe, preimage, await daoSafeSignature([1, 2])),
    ).resolves.toBe(true);
  });

  it.each<[string, () => Promise<{ owner: Address; signature: Hex }>]>([
    [
      'an EOA named as a contract owner (v = 0)',
      async () => ({ owner: chain.stack.accounts[1].address, signature: await daoSafeSignature([1, 2]) }),
    ],
    [
      'a Safe owner asked about empty data',
      () => Promise.resolve({ owner: chain.stack.daoSafe, signature: '0x' }),
    ],
    [
      'a Safe owner asked about garbled data',
      () =>
        Promise.resolve({
          owner: chain.stack.daoSafe,
          signature: concatHex([keccak256('0x01'), keccak256('0x02'), '0x1b']),
        }),
    ],
    [
      'a Safe owner with one signature of the two it needs',
      async () => ({ owner: chain.stack.daoSafe, signature: await daoSafeSignature([1]) }),
    ],
    [
      'a contract without isValidSignature (an ERC20 token)',
      async () => ({ owner: chain.stack.payoutToken, signature: await daoSafeSignature([1, 2]) }),
    ],
    [
      'a contract whose fallback answers nothing (the Safe singleton, no fallback handler)',
      async () => ({ owner: chain.stack.safeContracts.safeL2, signature: await daoSafeSignature([1, 2]) }),
    ],
  ])('refuses %s: false, not an RPC failure', async (_name, make) => {
    const { owner, signature } = await make();
    await expect(safeChain.isValidContractSignature(owner, preimage, signature)).resolves.toBe(false);
  });

  it('reports an RPC that fails as RPC_UNREACHABLE (retryable)', async () => {
    const dead = new SafeChain(
      new ChainClientManager({ [chain.chainId]: 'http://127.0.0.1:1' }, { retryCount: 0 }),
      testConfig({ databaseUrl: 'postgres://unused', rpcUrl: 'http://127.0.0.1:1' }),
    );
    await expect(
      dead.isValidContractSignature(chain.stack.daoSafe, preimage, await daoSafeSignature([1, 2])),
    ).rejects.toMatchObject({ code: ChainErrorCode.RPC_UNREACHABLE, category: 'RETRYABLE' });
  });
});
