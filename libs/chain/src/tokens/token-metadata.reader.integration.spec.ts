import { createWalletClient, http, stringToHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ChainClientManager, type PublicClientProvider } from '../clients/chain-client-manager.js';
import { defineGuildhallChain } from '../clients/chain-definition.js';
import { ChainErrorCode } from '../errors/chain.error.js';
import { startTestChain, type TestChain } from '../testing/start-test-chain.js';
import { TokenMetadataReader } from './token-metadata.reader.js';

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

describe('TokenMetadataReader on the devnet', () => {
  let chain: TestChain;
  /** Counts the reads that reach the chain (each read asks the provider for a client). */
  let reads: number;
  let tokens: TokenMetadataReader;

  beforeAll(async () => {
    chain = await startTestChain();
    const clients = new ChainClientManager({ [chain.chainId]: chain.rpcUrl });
    const counting: PublicClientProvider = {
      getPublicClient: (chainId) => {
        reads += 1;
        return clients.getPublicClient(chainId);
      },
    };
    tokens = new TokenMetadataReader(counting, chain.chainId);
  }, 30_000);
  beforeEach(() => {
    reads = 0;
  });
  afterAll(() => chain.close());

  it('reads symbol and decimals of the dev tokens', async () => {
    await expect(tokens.read(chain.stack.payoutToken)).resolves.toEqual({
      chainId: chain.chainId,
      address: chain.stack.payoutToken,
      symbol: 'dUSDC',
      decimals: 6,
    });
    await expect(tokens.read(chain.stack.governanceToken)).resolves.toMatchObject({
      symbol: 'GUILD',
      decimals: 18,
    });
  });

  it('reads a token once, whatever the address case, however many ask at once', async () => {
    const lower = chain.stack.payoutToken.toLowerCase() as Address;
    const fresh = new TokenMetadataReader(
      {
        getPublicClient: (chainId) => {
          reads += 1;
          return new ChainClientManager({ [chain.chainId]: chain.rpcUrl }).getPublicClient(chainId);
        },
      },
      chain.chainId,
    );
    const answers = await Promise.all([
      fresh.read(lower),
      fresh.read(chain.stack.payoutToken),
      fresh.read(lower),
    ]);
    const first = reads;
    await fresh.read(chain.stack.payoutToken);

    expect(new Set(answers.map((answer) => answer.address))).toEqual(new Set([chain.stack.payoutToken]));
    expect(first).toBe(2); // one decimals() and one symbol() read
    expect(reads).toBe(first);
  });

  it('reads a bytes32 symbol (MKR-style tokens)', async () => {
    const deployer = createWalletClient({
      account: privateKeyToAccount(chain.stack.accounts[0].privateKey),
      chain: defineGuildhallChain({ chainId: chain.chainId, rpcUrl: chain.rpcUrl }),
      transport: http(chain.rpcUrl),
    });
    const hash = await deployer.sendTransaction({ data: BYTES32_SYMBOL_TOKEN });
    const receipt = await new ChainClientManager({ [chain.chainId]: chain.rpcUrl })
      .getPublicClient(chain.chainId)
      .waitForTransactionReceipt({ hash });

    await expect(tokens.read(receipt.contractAddress!)).resolves.toMatchObject({
      symbol: 'MKR',
      decimals: 18,
    });
  });

  it.each<[string, () => Address]>([
    ['an account without code', () => chain.stack.accounts[5].address],
    ['a contract that is not a token (the DAO Safe)', () => chain.stack.daoSafe],
  ])('refuses %s as NOT_AN_ERC20 (bad input), and asks again next time', async (_what, address) => {
    await expect(tokens.read(address())).rejects.toMatchObject({
      code: ChainErrorCode.NOT_AN_ERC20,
      category: 'BAD_INPUT',
      details: { token: address() },
    });
    const afterFirst = reads;
    await expect(tokens.read(address())).rejects.toMatchObject({ code: ChainErrorCode.NOT_AN_ERC20 });
    expect(reads).toBeGreaterThan(afterFirst);
  });

  it('reports an RPC that fails as RPC_UNREACHABLE (retryable), not as "not a token"', async () => {
    const dead = new TokenMetadataReader(
      new ChainClientManager({ [chain.chainId]: 'http://127.0.0.1:1' }, { retryCount: 0 }),
      chain.chainId,
    );
    await expect(dead.read(chain.stack.payoutToken)).rejects.toMatchObject({
      code: ChainErrorCode.RPC_UNREACHABLE,
      category: 'RETRYABLE',
    });
  });
});
