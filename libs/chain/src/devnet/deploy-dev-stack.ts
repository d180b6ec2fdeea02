import type { ContractNetworksConfig } from '@safe-global/protocol-kit';
import { getSingletonFactoryInfo } from '@safe-global/safe-singleton-factory';
import {
  concatHex,
  createClient,
  encodeAbiParameters,
  encodeDeployData,
  encodeFunctionData,
  encodePacked,
  getAddress,
  getContractAddress,
  hexToBigInt,
  http,
  keccak256,
  publicActions,
  stringToHex,
  testActions,
  walletActions,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  compatibilityFallbackHandlerBytecode,
  compatibilityFallbackHandlerDeployment,
  createCallBytecode,
  createCallDeployment,
  devPayoutTokenAbi,
  devPayoutTokenBytecode,
  guildhallGovernanceTokenAbi,
  guildhallGovernanceTokenBytecode,
  multicall3Bytecode,
  multicall3Deployment,
  multiSendBytecode,
  multiSendCallOnlyBytecode,
  multiSendCallOnlyDeployment,
  multiSendDeployment,
  safeBytecode,
  safeDeployment,
  safeL2Abi,
  safeL2Bytecode,
  safeL2Deployment,
  safeProxyBytecode,
  safeProxyFactoryAbi,
  safeProxyFactoryBytecode,
  safeProxyFactoryDeployment,
  signMessageLibBytecode,
  signMessageLibDeployment,
  simulateTxAccessorBytecode,
  simulateTxAccessorDeployment,
} from '../abi/generated/index.js';
import { defineGuildhallChain } from '../clients/chain-definition.js';
import { readChainId } from '../clients/read-chain-id.js';
import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import { DEV_ACCOUNTS, type DevAccount } from './dev-accounts.js';

/** The Safe 1.4.1 contracts, at their canonical addresses. */
export interface SafeContracts {
  readonly safe: Address;
  readonly safeL2: Address;
  readonly safeProxyFactory: Address;
  readonly multiSend: Address;
  readonly multiSendCallOnly: Address;
  readonly compatibilityFallbackHandler: Address;
  readonly signMessageLib: Address;
  readonly createCall: Address;
  readonly simulateTxAccessor: Address;
}

/** What {@link deployDevStack} put on the chain. Every address is the same on every run. */
export interface DevStack {
  readonly chainId: number;
  readonly safeContracts: SafeContracts;
  readonly multicall3: Address;
  /** GuildhallGovernanceToken (ERC20Votes, 18 decimals, block-number clock), owned by account 0. */
  readonly governanceToken: Address;
  /** DevPayoutToken (USDC-like, 6 decimals), owned by account 0. */
  readonly payoutToken: Address;
  /** The DAO's 2-of-3 Safe (SafeL2), owned by accounts 1–3, holding the payout tokens. */
  readonly daoSafe: Address;
  readonly daoSafeOwners: readonly Address[];
  readonly daoSafeThreshold: number;
  /** Accounts 0–9 of the public test mnemonic: DEVELOPMENT KEYS, public knowledge. */
  readonly accounts: readonly DevAccount[];
  /** Whether this call deployed anything (false: the stack was already there, e.g. replayed). */
  readonly deployed: boolean;
}

/** Governance tokens minted to each of the 10 dev accounts, each self-delegated: 1,000,000 GUILD. */
export const DEV_GOVERNANCE_TOKENS_PER_ACCOUNT = 1_000_000n * 10n ** 18n;
/** Payout tokens minted to the DAO Safe: 1,000,000 dUSDC (6 decimals). */
export const DEV_DAO_SAFE_PAYOUT_FUNDING = 1_000_000n * 10n ** 6n;

const DAO_SAFE_OWNERS = DEV_ACCOUNTS.slice(1, 4).map((account) => account.address);
const DAO_SAFE_THRESHOLD = 2;
/** Fixed CREATE2 salt nonce of the DAO Safe ("guildhall-dev-dao-safe"), so its address never changes. */
const DAO_SAFE_SALT_NONCE = hexToBigInt(stringToHex('guildhall-dev-dao-safe'));
/**
 * Gas limit of every dev stack transaction, set instead of estimated so all of them can be signed
 * up front and sent in one batch (SafeL2 needs ~5.3M; EDR caps a transaction at 2^24 gas).
 */
const TX_GAS = 8_000_000n;

const deployer = DEV_ACCOUNTS[0];

/** Address of a contract deployed by the singleton factory with 32 zero bytes of salt. */
const factoryAddress = (factory: Address, initCode: Hex): Address =>
  getContractAddress({ opcode: 'CREATE2', from: factory, salt: zeroHash, bytecode: initCode });

interface Plan {
  readonly name: string;
  readonly address: Address;
  readonly initCode: Hex;
  /** Canonical runtime code hash, for the Safe contracts. */
  readonly codeHash?: Hex;
}

const SAFE_ARTIFACTS = {
  safe: { name: 'Safe', initCode: safeBytecode, deployment: safeDeployment },
  safeL2: { name: 'SafeL2', initCode: safeL2Bytecode, deployment: safeL2Deployment },
  safeProxyFactory: {
    name: 'SafeProxyFactory',
    initCode: safeProxyFactoryBytecode,
    deployment: safeProxyFactoryDeployment,
  },
  multiSend: { name: 'MultiSend', initCode: multiSendBytecode, deployment: multiSendDeployment },
  multiSendCallOnly: {
    name: 'MultiSendCallOnly',
    initCode: multiSendCallOnlyBytecode,
    deployment: multiSendCallOnlyDeployment,
  },
  compatibilityFallbackHandler: {
    name: 'CompatibilityFallbackHandler',
    initCode: compatibilityFallbackHandlerBytecode,
    deployment: compatibilityFallbackHandlerDeployment,
  },
  signMessageLib: {
    name: 'SignMessageLib',
    initCode: signMessageLibBytecode,
    deployment: signMessageLibDeployment,
  },
  createCall: { name: 'CreateCall', initCode: createCallBytecode, deployment: createCallDeployment },
  simulateTxAccessor: {
    name: 'SimulateTxAccessor',
    initCode: simulateTxAccessorBytecode,
    deployment: simulateTxAccessorDeployment,
  },
} satisfies Record<
  keyof SafeContracts,
  { name: string; initCode: Hex; deployment: { address: Address; codeHash: Hex } }
>;

/** Where the singleton factory deploys each Safe contract, checked against its canonical address. */
function safeContractAddresses(factory: Address): SafeContracts {
  const at = (key: keyof SafeContracts): Address => {
    const { name, initCode, deployment } = SAFE_ARTIFACTS[key];
    const address = factoryAddress(factory, initCode);
    if (address !== deployment.address) {
      throw new ChainError(
        ChainErrorCode.DEV_STACK_DEPLOYMENT_FAILED,
        `${name} bytecode in contracts-abi does not deploy to its canonical 1.4.1 address ` +
          `${deployment.address} (it would land at ${address}); regenerate contracts-abi`,
        { contract: name, canonical: deployment.address, predicted: address },
      );
    }
    return address;
  };
  return {
    safe: at('safe'),
    safeL2: at('safeL2'),
    safeProxyFactory: at('safeProxyFactory'),
    multiSend: at('multiSend'),
    multiSendCallOnly: at('multiSendCallOnly'),
    compatibilityFallbackHandler: at('compatibilityFallbackHandler'),
    signMessageLib: at('signMessageLib'),
    createCall: at('createCall'),
    simulateTxAccessor: at('simulateTxAccessor'),
  };
}

function daoSafeInitializer(fallbackHandler: Address): Hex {
  return encodeFunctionData({
    abi: safeL2Abi,
    functionName: 'setup',
    args: [
      DAO_SAFE_OWNERS,
      BigInt(DAO_SAFE_THRESHOLD),
      zeroAddress,
      '0x',
      fallbackHandler,
      zeroAddress,
      0n,
      zeroAddress,
    ],
  });
}

/** The address SafeProxyFactory.createProxyWithNonce gives a proxy (CREATE2 over the proxy code). */
function predictSafeProxy(
  proxyFactory: Address,
  singleton: Address,
  initializer: Hex,
  saltNonce: bigint,
): Address {
  const salt = keccak256(encodePacked(['bytes32', 'uint256'], [keccak256(initializer), saltNonce]));
  const initCode = concatHex([safeProxyBytecode, encodeAbiParameters([{ type: 'address' }], [singleton])]);
  return getContractAddress({ opcode: 'CREATE2', from: proxyFactory, salt, bytecode: initCode });
}

/**
 * Deploys the development contract stack on a devnet (chain id 31337 by default; any chain the
 * Safe singleton factory has a presigned deployment for):
 * the singleton factory, the nine Safe 1.4.1 contracts at their canonical addresses, Multicall3 at
 * its canonical address, the governance token (1,000,000 to each dev account, self-delegated), the
 * payout token, and the DAO's 2-of-3 Safe owned by accounts 1–3 holding 1,000,000 payout tokens.
 *
 * Every address is deterministic (CREATE2 with fixed salts), so a second call finds the stack and
 * deploys nothing (a replayed chain comes back with it). Each missing part is deployed with
 * transactions signed up front and sent in one ordered JSON-RPC batch, then every receipt and
 * every address is checked: three round trips in all.
 */
export async function deployDevStack(rpcUrl: string): Promise<DevStack> {
  const chainId = await readChainId(rpcUrl);
  const factoryInfo = getSingletonFactoryInfo(chainId);
  if (!factoryInfo) {
    throw new ChainError(
      ChainErrorCode.DEV_STACK_DEPLOYMENT_FAILED,
      `The Safe singleton factory has no presigned deployment for chain ${chainId}; start the devnet with chain id 31337`,
      { chainId },
    );
  }
  const transport = http(rpcUrl, { batch: true, retryCount: 0, timeout: 30_000 });
  const client = createClient({ chain: defineGuildhallChain({ chainId, rpcUrl }), transport })
    .extend(publicActions)
    .extend(walletActions)
    .extend(testActions({ mode: 'hardhat' }));

  const factory = getAddress(factoryInfo.address);
  const safeContracts = safeContractAddresses(factory);
  const safes: Plan[] = Object.values(SAFE_ARTIFACTS).map(({ name, initCode, deployment }) => ({
    name,
    initCode,
    address: deployment.address,
    codeHash: deployment.codeHash,
  }));
  const tokenPlan = (
    name: string,
    abi: typeof guildhallGovernanceTokenAbi | typeof devPayoutTokenAbi,
    bytecode: Hex,
  ): Plan => {
    const initCode = encodeDeployData({ abi, bytecode, args: [deployer.address] });
    return { name, initCode, address: factoryAddress(factory, initCode) };
  };
  const governance = tokenPlan(
    'GuildhallGovernanceToken',
    guildhallGovernanceTokenAbi,
    guildhallGovernanceTokenBytecode,
  );
  const payout = tokenPlan('DevPayoutToken', devPayoutTokenAbi, devPayoutTokenBytecode);
  const initializer = daoSafeInitializer(safeContracts.compatibilityFallbackHandler);
  const daoSafe = predictSafeProxy(
    safeContracts.safeProxyFactory,
    safeContracts.safeL2,
    initializer,
    DAO_SAFE_SALT_NONCE,
  );
  const multicall3 = multicall3Deployment.address;

  // Round trip 1: what is already there, the nonces, the fee level, Multicall3's runtime code.
  const watched = [
    factory,
    ...safes.map((plan) => plan.address),
    governance.address,
    payout.address,
    daoSafe,
    multicall3,
  ];
  const [codes, nonces, block, multicall3Runtime] = await Promise.all([
    Promise.all(watched.map((target) => client.getCode({ address: target }))),
    Promise.all(
      DEV_ACCOUNTS.map((account) =>
        client.getTransactionCount({ address: account.address, blockTag: 'pending' }),
      ),
    ),
    client.getBlock({ blockTag: 'latest' }),
    client.call({ data: multicall3Bytecode }),
  ]);
  const hasCode = new Map(watched.map((target, i) => [target, (codes[i]?.length ?? 0) > 2]));
  const missing = (target: Address): boolean => !hasCode.get(target);

  // Round trip 2: everything missing, signed up front, in one ordered batch.
  const maxPriorityFeePerGas = 1_000_000_000n;
  const maxFeePerGas = (block.baseFeePerGas ?? 1_000_000_000n) * 2n + maxPriorityFeePerGas;
  const nextNonce = [...nonces];
  const transactions: Promise<Hex>[] = [];
  const sign = (account: DevAccount, to: Address, data: Hex, value = 0n): void => {
    const nonce = nextNonce[account.index]++;
    transactions.push(
      privateKeyToAccount(account.privateKey).signTransaction({
        chainId,
        type: 'eip1559',
        nonce,
        to,
        data,
        value,
        gas: TX_GAS,
        maxFeePerGas,
        maxPriorityFeePerGas,
      }),
    );
  };
  const deploy = (plan: Plan): void => sign(deployer, factory, concatHex([zeroHash, plan.initCode]));

  if (missing(factory)) {
    sign(
      deployer,
      getAddress(factoryInfo.signerAddress),
      '0x',
      BigInt(factoryInfo.gasPrice) * BigInt(factoryInfo.gasLimit),
    );
    transactions.push(Promise.resolve(factoryInfo.transaction as Hex));
  }
  safes.filter((plan) => missing(plan.address)).forEach(deploy);
  if (missing(governance.address)) {
    deploy(governance);
    for (const account of DEV_ACCOUNTS) {
      const data = encodeFunctionData({
        abi: guildhallGovernanceTokenAbi,
        functionName: 'mint',
        args: [account.address, DEV_GOVERNANCE_TOKENS_PER_ACCOUNT],
      });
      sign(deployer, governance.address, data);
    }
    for (const account of DEV_ACCOUNTS) {
      const data = encodeFunctionData({
        abi: guildhallGovernanceTokenAbi,
        functionName: 'delegate',
        args: [account.address],
      });
      sign(account, governance.address, data);
    }
  }
  if (missing(payout.address)) deploy(payout);
  if (missing(daoSafe)) {
    const create = encodeFunctionData({
      abi: safeProxyFactoryAbi,
      functionName: 'createProxyWithNonce',
      args: [safeContracts.safeL2, initializer, DAO_SAFE_SALT_NONCE],
    });
    sign(deployer, safeContracts.safeProxyFactory, create);
    const fund = encodeFunctionData({
      abi: devPayoutTokenAbi,
      functionName: 'mint',
      args: [daoSafe, DEV_DAO_SAFE_PAYOUT_FUNDING],
    });
    sign(deployer, payout.address, fund);
  }

  const deployed = transactions.length > 0 || missing(multicall3);
  if (deployed) {
    const signed = await Promise.all(transactions);
    const [hashes] = await Promise.all([
      Promise.all(
        signed.map((serializedTransaction) => client.sendRawTransaction({ serializedTransaction })),
      ),
      missing(multicall3)
        ? client.setCode({ address: multicall3, bytecode: multicall3Runtime.data ?? '0x' })
        : undefined,
    ]).catch((error: unknown) => {
      throw deploymentFailed(`sending the dev stack transactions to ${rpcUrl} failed`, error);
    });

    // Round trip 3: every transaction succeeded and every contract is in place.
    const [receipts, finalCodes] = await Promise.all([
      Promise.all(hashes.map((hash) => client.getTransactionReceipt({ hash }))),
      Promise.all(watched.map((target) => client.getCode({ address: target }))),
    ]).catch((error: unknown) => {
      throw deploymentFailed('reading the dev stack receipts failed (does the chain automine?)', error);
    });
    const failed = receipts.filter((receipt) => receipt.status !== 'success');
    if (failed.length > 0) {
      throw deploymentFailed(
        `${failed.length} dev stack transactions reverted: ${failed.map((r) => r.transactionHash).join(', ')}`,
      );
    }
    watched.forEach((target, i) => {
      const code = finalCodes[i];
      if (!code || code === '0x')
        throw deploymentFailed(`no code at ${target} after deploying the dev stack`);
      const plan = safes.find((candidate) => candidate.address === target);
      if (plan?.codeHash && keccak256(code) !== plan.codeHash) {
        throw deploymentFailed(`${plan.name} at ${target} does not have the canonical Safe 1.4.1 code hash`);
      }
    });
  }

  return {
    chainId,
    safeContracts,
    multicall3,
    governanceToken: governance.address,
    payoutToken: payout.address,
    daoSafe,
    daoSafeOwners: DAO_SAFE_OWNERS,
    daoSafeThreshold: DAO_SAFE_THRESHOLD,
    accounts: DEV_ACCOUNTS,
    deployed,
  };
}

const deploymentFailed = (message: string, cause?: unknown): ChainError =>
  new ChainError(
    ChainErrorCode.DEV_STACK_DEPLOYMENT_FAILED,
    `Dev stack deployment: ${message}`,
    {},
    { cause },
  );

/**
 * The `contractNetworks` entry protocol-kit needs for the devnet (safe-deployments has no entry for
 * chain 31337). The singleton is SafeL2, the one the DAO Safe runs on.
 */
export function devContractNetworks(stack: DevStack): ContractNetworksConfig {
  const { safeContracts: safe } = stack;
  return {
    [stack.chainId.toString()]: {
      safeSingletonAddress: safe.safeL2,
      safeProxyFactoryAddress: safe.safeProxyFactory,
      multiSendAddress: safe.multiSend,
      multiSendCallOnlyAddress: safe.multiSendCallOnly,
      fallbackHandlerAddress: safe.compatibilityFallbackHandler,
      signMessageLibAddress: safe.signMessageLib,
      createCallAddress: safe.createCall,
      simulateTxAccessorAddress: safe.simulateTxAccessor,
    },
  };
}
