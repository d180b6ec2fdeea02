import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseSignature,
  type Address,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { guildhallGovernanceTokenAbi } from '../abi/generated/index.js';
import { defineGuildhallChain } from '../clients/chain-definition.js';
import { DEV_ACCOUNTS } from '../devnet/dev-accounts.js';

/**
 * `count` fresh voters on the devnet, each minted one governance token and delegated to itself
 * (delegateBySig, relayed by dev account 0, which may mint), 500 at a time. Two more blocks are
 * mined after the last delegation, so a proposal created next (its snapshot is the latest block)
 * counts every voter's power.
 */
export async function mintDelegatedVoters(params: {
  rpcUrl: string;
  chainId: number;
  governanceToken: Address;
  count: number;
}): Promise<PrivateKeyAccount[]> {
  const { rpcUrl, chainId, governanceToken } = params;
  const chain = defineGuildhallChain({ chainId, rpcUrl });
  const voters = Array.from({ length: params.count }, () => privateKeyToAccount(generatePrivateKey()));
  const owner = createWalletClient({
    account: privateKeyToAccount(DEV_ACCOUNTS[0].privateKey),
    chain,
    transport: http(rpcUrl, { batch: { batchSize: 500 } }),
  });
  // Every block of the setup is a second later than the one before (blocks cannot share a
  // timestamp): 20,000 transactions put the chain hours ahead of the clock. An hour-long expiry
  // made every delegation after the first ~1,800 voters revert, and those voters had no votes.
  const expiry = BigInt(Math.floor(Date.now() / 1000) + 30 * 86_400);
  // One sender: number the transactions ourselves and skip gas estimation.
  let nonce = await createPublicClient({ chain, transport: http(rpcUrl) }).getTransactionCount({
    address: owner.account.address,
  });
  const nextTx = () => ({ gas: 200_000n, nonce: nonce++ });
  for (let i = 0; i < voters.length; i += 500) {
    const slice = voters.slice(i, i + 500);
    for (const voter of slice) {
      await owner.writeContract({
        address: governanceToken,
        abi: guildhallGovernanceTokenAbi,
        functionName: 'mint',
        args: [voter.address, 10n ** 18n],
        ...nextTx(),
      });
    }
    const delegations = await Promise.all(
      slice.map(async (voter) => {
        const signature = await voter.signTypedData({
          domain: { name: 'Guildhall Governance', version: '1', chainId, verifyingContract: governanceToken },
          types: {
            Delegation: [
              { name: 'delegatee', type: 'address' },
              { name: 'nonce', type: 'uint256' },
              { name: 'expiry', type: 'uint256' },
            ],
          },
          primaryType: 'Delegation',
          message: { delegatee: voter.address, nonce: 0n, expiry },
        });
        return { voter, ...parseSignature(signature) };
      }),
    );
    for (const { voter, v, r, s } of delegations) {
      await owner.writeContract({
        address: governanceToken,
        abi: guildhallGovernanceTokenAbi,
        functionName: 'delegateBySig',
        args: [voter.address, 0n, expiry, Number(v), r, s],
        ...nextTx(),
      });
    }
  }
  await createTestClient({ mode: 'hardhat', chain, transport: http(rpcUrl) }).mine({ blocks: 2 });
  return voters;
}
