import SafeDefault from '@safe-global/protocol-kit';
import { keccak256 } from 'viem';
import {
  compatibilityFallbackHandlerDeployment,
  createCallDeployment,
  devPayoutTokenAbi,
  guildhallGovernanceTokenAbi,
  multiSendCallOnlyDeployment,
  multiSendDeployment,
  safeDeployment,
  safeL2Abi,
  safeL2Deployment,
  safeProxyFactoryDeployment,
  signMessageLibDeployment,
  simulateTxAccessorDeployment,
} from '../abi/generated/index.js';
import { ChainClientManager } from '../clients/chain-client-manager.js';
import {
  DEV_DAO_SAFE_PAYOUT_FUNDING,
  DEV_GOVERNANCE_TOKENS_PER_ACCOUNT,
  deployDevStack,
  devContractNetworks,
  type DevStack,
} from './deploy-dev-stack.js';
import { DEV_ACCOUNTS } from './dev-accounts.js';
import { Devnet } from './devnet.js';

// protocol-kit's default export is typed CommonJS-style under NodeNext.
const Safe = SafeDefault as unknown as typeof SafeDefault.default;

describe('deployDevStack', () => {
  let devnet: Devnet;
  let stack: DevStack;
  let deployMs: number;
  let client: ReturnType<ChainClientManager['getPublicClient']>;

  beforeAll(async () => {
    devnet = await Devnet.start();
    const startedAt = performance.now();
    stack = await deployDevStack(devnet.url);
    deployMs = performance.now() - startedAt;
    client = new ChainClientManager({ [devnet.chainId]: devnet.url }).getPublicClient(devnet.chainId);
  }, 30_000);
  afterAll(() => devnet.close());

  it('deploys the whole stack in well under 2 s', () => {
    expect(stack.deployed).toBe(true);
    expect(deployMs).toBeLessThan(2_000);
  });

  it('puts the nine Safe 1.4.1 contracts at their canonical addresses with their canonical code', async () => {
    const canonical = {
      safe: safeDeployment,
      safeL2: safeL2Deployment,
      safeProxyFactory: safeProxyFactoryDeployment,
      multiSend: multiSendDeployment,
      multiSendCallOnly: multiSendCallOnlyDeployment,
      compatibilityFallbackHandler: compatibilityFallbackHandlerDeployment,
      signMessageLib: signMessageLibDeployment,
      createCall: createCallDeployment,
      simulateTxAccessor: simulateTxAccessorDeployment,
    };
    for (const [name, deployment] of Object.entries(canonical)) {
      expect(stack.safeContracts[name as keyof typeof canonical]).toBe(deployment.address);
      const code = await client.getCode({ address: deployment.address });
      expect(code && keccak256(code)).toBe(deployment.codeHash);
    }
  });

  it('gives each dev account 1,000,000 self-delegated governance tokens, read through Multicall3', async () => {
    const results = await client.multicall({
      allowFailure: false,
      contracts: DEV_ACCOUNTS.flatMap((account) => [
        {
          address: stack.governanceToken,
          abi: guildhallGovernanceTokenAbi,
          functionName: 'balanceOf',
          args: [account.address],
        },
        {
          address: stack.governanceToken,
          abi: guildhallGovernanceTokenAbi,
          functionName: 'getVotes',
          args: [account.address],
        },
      ]),
    });

    expect(stack.multicall3).toBe('0xcA11bde05977b3631167028862bE2a173976CA11');
    expect(results).toEqual(Array.from({ length: 20 }, () => DEV_GOVERNANCE_TOKENS_PER_ACCOUNT));
    const [clockMode, decimals] = await Promise.all([
      client.readContract({
        address: stack.governanceToken,
        abi: guildhallGovernanceTokenAbi,
        functionName: 'CLOCK_MODE',
      }),
      client.readContract({
        address: stack.governanceToken,
        abi: guildhallGovernanceTokenAbi,
        functionName: 'decimals',
      }),
    ]);
    expect(clockMode).toBe('mode=blocknumber&from=default');
    expect(decimals).toBe(18);
  });

  it('creates the DAO 2-of-3 SafeL2 owned by accounts 1–3 and funds it with 1,000,000 payout tokens', async () => {
    const [owners, threshold, version, balance, decimals] = await Promise.all([
      client.readContract({ address: stack.daoSafe, abi: safeL2Abi, functionName: 'getOwners' }),
      client.readContract({ address: stack.daoSafe, abi: safeL2Abi, functionName: 'getThreshold' }),
      client.readContract({ address: stack.daoSafe, abi: safeL2Abi, functionName: 'VERSION' }),
      client.readContract({
        address: stack.payoutToken,
        abi: devPayoutTokenAbi,
        functionName: 'balanceOf',
        args: [stack.daoSafe],
      }),
      client.readContract({ address: stack.payoutToken, abi: devPayoutTokenAbi, functionName: 'decimals' }),
    ]);

    expect(owners).toEqual(DEV_ACCOUNTS.slice(1, 4).map((account) => account.address));
    expect(stack.daoSafeOwners).toEqual(owners);
    expect(threshold).toBe(2n);
    expect(stack.daoSafeThreshold).toBe(2);
    expect(version).toBe('1.4.1');
    expect(balance).toBe(DEV_DAO_SAFE_PAYOUT_FUNDING);
    expect(decimals).toBe(6);
  });

  it('gives protocol-kit the contract networks it needs for the devnet', async () => {
    const kit = await Safe.init({
      provider: devnet.url,
      safeAddress: stack.daoSafe,
      contractNetworks: devContractNetworks(stack),
    });

    expect(await kit.getOwners()).toEqual(stack.daoSafeOwners);
    expect(await kit.getThreshold()).toBe(2);
    expect(kit.getContractVersion()).toBe('1.4.1');
  });

  it('is idempotent: a second run finds the stack and deploys nothing', async () => {
    const blockBefore = await client.getBlockNumber({ cacheTime: 0 });

    const again = await deployDevStack(devnet.url);

    expect(again).toEqual({ ...stack, deployed: false });
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
  });
});
