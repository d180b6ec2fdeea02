import { createWalletClient, http, stringToHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ChainClientManager, type PublicClientProvider } from '../clients/chain-client-manager.js';
import { defineGuildhallChain } from '../clients/chain-definition.js';
import { ChainErrorCode } from '../errors/chain.error.js';
import { DEV_DAO_SAFE_PAYOUT_FUNDING } from '../devnet/deploy-dev-stack.js';
import { startTestChain, type TestChain } from '../testing/start-test-chain.js';
import { ChainReader } from './chain-reader.js';

/**
 * A token of the first generation (MKR, SAI): `symbol()` answers bytes32 "MKR", `decimals()` 18.
 * Runtime (67 bytes): selector == decimals() ? return uint 18 : return bytes32("MKR"); behind
 * creation code that copies it from offset 11 and returns it.
 */
const RUNTIME = [
  '600035', // PUSH1 0, CALLDATALOAD
  '60e01c', // PUSH1 224, SHR: the selector
  '63313ce567', // PUSH4 decimals()
  '14', // EQ
  '6038', // PUSH1 56 (the JUMPDEST below)
  '57', // JUMPI
  `7f${stringToHex('MKR', { size: 32 }).slice(2)}`, // PUSH32 "MKR"
  '600052', // PUSH1 0, MSTORE
  '60206000f3', // RETURN(0, 32)
  '5b', // JUMPDEST
  '6012600052', // PUSH1 18, PUSH1 0, MSTORE
  '60206000f3', // RETURN(0, 32)
].join('');
const BYTES32_SYMBOL_TOKEN: Hex = `0x604380600b6000396000f3${RUNTIME}`;

describe('ChainReader on the devnet', () => {
  let chain: TestChain;
  /** Counts the reads that reach the chain (each read asks the provider for a client). */
  let reads: number;
  let reader: ChainReader;

  beforeAll(async () => {
    chain = await startTestChain();
    const clients = new ChainClientManager({ [chain.chainId]: chain.rpcUrl });
    const counting: PublicClientProvider = {
      getPublicClient: (chainId) => {
        reads += 1;
        return clients.getPublicClient(chainId);
      },
    };
    reader = new ChainReader(counting, chain.chainId);
  }, 30_000);
  beforeEach(() => {
    reads = 0;
  });
  afterAll(() => chain.close());

  it('reads symbol and decimals of the dev reader', async () => {
    await expect(reader.token(chain.stack.payoutToken)).resolves.toEqual({
      chainId: chain.chainId,
      address: chain.stack.payoutToken,
      symbol: 'dUSDC',
      decimals: 6,
    });
    await expect(reader.token(chain.stack.governanceToken)).resolves.toMatchObject({
      symbol: 'GUILD',
      decimals: 18,
    });
  });

  it('reads a token once, whatever the address case, however many ask at once', async () => {
    const lower = chain.stack.payoutToken.toLowerCase() as Address;
    const fresh = new ChainReader(
      {
        getPublicClient: (chainId) => {
          reads += 1;
          return new ChainClientManager({ [chain.chainId]: chain.rpcUrl }).getPublicClient(chainId);
        },
      },
      chain.chainId,
    );
    const answers = await Promise.all([
      fresh.token(lower),
      fresh.token(chain.stack.payoutToken),
      fresh.token(lower),
    ]);
    const first = reads;
    await fresh.token(chain.stack.payoutToken);

    expect(new Set(answers.map((answer) => answer.address))).toEqual(new Set([chain.stack.payoutToken]));
    expect(first).toBe(2); // one decimals() and one symbol() read
    expect(reads).toBe(first);
  });

  it('reads a bytes32 symbol (MKR-style reader)', async () => {
    const deployer = createWalletClient({
      account: privateKeyToAccount(chain.stack.accounts[0].privateKey),
      chain: defineGuildhallChain({ chainId: chain.chainId, rpcUrl: chain.rpcUrl }),
      transport: http(chain.rpcUrl),
    });
    const hash = await deployer.sendTransaction({ data: BYTES32_SYMBOL_TOKEN });
    const receipt = await new ChainClientManager({ [chain.chainId]: chain.rpcUrl })
      .getPublicClient(chain.chainId)
      .waitForTransactionReceipt({ hash });

    await expect(reader.token(receipt.contractAddress!)).resolves.toMatchObject({
      symbol: 'MKR',
      decimals: 18,
    });
  });

  it.each<[string, () => Address]>([
    ['an account without code', () => chain.stack.accounts[5].address],
    ['a contract that is not a token (the DAO Safe)', () => chain.stack.daoSafe],
  ])('refuses %s as NOT_AN_ERC20 (bad input), and asks again next time', async (_what, address) => {
    await expect(reader.token(address())).rejects.toMatchObject({
      code: ChainErrorCode.NOT_AN_ERC20,
      category: 'BAD_INPUT',
      details: { token: address() },
    });
    const afterFirst = reads;
    await expect(reader.token(address())).rejects.toMatchObject({ code: ChainErrorCode.NOT_AN_ERC20 });
    expect(reads).toBeGreaterThan(afterFirst);
  });

  it('checks an ERC20: decimals() and totalSupply(), NOT_AN_ERC20 otherwise', async () => {
    await expect(reader.assertErc20(chain.stack.payoutToken)).resolves.toEqual({ decimals: 6 });
    await expect(reader.assertErc20(chain.stack.daoSafe)).rejects.toMatchObject({
      code: ChainErrorCode.NOT_AN_ERC20,
      category: 'BAD_INPUT',
      details: { token: chain.stack.daoSafe },
    });
  });

  it('checks an ERC20Votes token, NOT_AN_ERC20_VOTES_TOKEN for a plain ERC20 or no contract', async () => {
    await expect(reader.assertErc20Votes(chain.stack.governanceToken)).resolves.toBeUndefined();
    for (const token of [chain.stack.payoutToken, chain.stack.accounts[5].address])
      await expect(reader.assertErc20Votes(token)).rejects.toMatchObject({
        code: ChainErrorCode.NOT_AN_ERC20_VOTES_TOKEN,
        category: 'BAD_INPUT',
        details: { token },
      });
  });

  it('reads a Safe’s owners, threshold, nonce and version, NOT_A_SAFE for a token or no contract', async () => {
    const safe = await reader.readSafe(chain.stack.daoSafe);
    expect(safe).toEqual({
      chainId: chain.chainId,
      safe: chain.stack.daoSafe,
      owners: chain.stack.daoSafeOwners,
      threshold: chain.stack.daoSafeThreshold,
      nonce: 0n,
      version: '1.4.1',
    });
    for (const address of [chain.stack.governanceToken, chain.stack.accounts[5].address])
      await expect(reader.readSafe(address)).rejects.toMatchObject({
        code: ChainErrorCode.NOT_A_SAFE,
        category: 'BAD_INPUT',
        details: { safe: address },
      });
  });

  it('reads a balance and the chain head', async () => {
    await expect(reader.balanceOf(chain.stack.payoutToken, chain.stack.daoSafe)).resolves.toBe(
      DEV_DAO_SAFE_PAYOUT_FUNDING,
    );
    await expect(reader.latestBlock()).resolves.toBeGreaterThan(0n);
  });

  it('reports an RPC that fails as RPC_UNREACHABLE (retryable), never as a verdict or a zero', async () => {
    const dead = new ChainReader(
      new ChainClientManager({ [chain.chainId]: 'http://127.0.0.1:1' }, { retryCount: 0 }),
      chain.chainId,
    );
    const { payoutToken, governanceToken, daoSafe } = chain.stack;
    for (const read of [
      () => dead.token(payoutToken),
      () => dead.assertErc20(payoutToken),
      () => dead.assertErc20Votes(governanceToken),
      () => dead.readSafe(daoSafe),
      () => dead.balanceOf(payoutToken, daoSafe),
      () => dead.latestBlock(),
    ])
      await expect(read()).rejects.toMatchObject({
        code: ChainErrorCode.RPC_UNREACHABLE,
        category: 'RETRYABLE',
      });
  });
});
