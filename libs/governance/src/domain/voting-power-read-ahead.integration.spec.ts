import {
  ChainClientManager,
  ChainErrorCode,
  ChainReader,
  DEV_GOVERNANCE_TOKENS_PER_ACCOUNT,
  defineGuildhallChain,
  erc20VotesAbi,
} from '@guildhall/chain';
import { startTestChain, type TestChain } from '@guildhall/chain/testing';
import { testConfig } from '@guildhall/config/testing';
import { Address } from '@guildhall/core';
import { daoEntities } from '@guildhall/dao/datasources';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { governanceEntities } from '../datasources/index.js';
import {
  createPublicClient,
  createWalletClient,
  http,
  type Address as ViemAddress,
  type Chain,
  type HttpTransport,
  type PublicClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { GovernanceChainReader } from '../datasources/governance-chain.reader.js';
import { TokenLogIndexer } from '../datasources/token-log.indexer.js';
import { VotingPowerReadAhead } from './voting-power-read-ahead.js';

/** The real client of a chain, counting the HTTP requests it makes to the RPC. */
class CountingChains extends ChainClientManager {
  requests = 0;
  private readonly client: PublicClient<HttpTransport, Chain>;

  constructor(chainId: number, rpcUrl: string) {
    super({ [chainId]: rpcUrl });
    this.client = createPublicClient({
      chain: defineGuildhallChain({ chainId, rpcUrl }),
      batch: { multicall: true },
      transport: http(rpcUrl, { batch: true, onFetchRequest: () => void this.requests++ }),
    });
  }

  override getPublicClient(): PublicClient<HttpTransport, Chain> {
    return this.client;
  }
}

describe('Reading a proposal electorate’s voting power ahead (PostgreSQL and the devnet)', () => {
  let chain: TestChain;
  let db: TestDatabase;
  let token: ViemAddress;
  let indexer: TokenLogIndexer;
  /** Delegated dev account 8's votes before the snapshot: a delegate that holds no tokens. */
  const delegatee = Address.parse(privateKeyToAccount(generatePrivateKey()).address);
  /** Delegated dev account 9's votes after the snapshot. */
  const lateDelegatee = Address.parse(privateKeyToAccount(generatePrivateKey()).address);
  let snapshot: bigint;
  let head: bigint;

  const config = () => testConfig({ databaseUrl: db.url, rpcUrl: chain.rpcUrl, chainId: chain.chainId });
  const newReader = () => {
    const chains = new CountingChains(chain.chainId, chain.rpcUrl);
    const blocks = new ChainReader(chains, chain.chainId);
    return { chains, blocks, reader: new GovernanceChainReader(chains, blocks, config()) };
  };

  const delegate = async (accountIndex: number, to: ViemAddress): Promise<bigint> => {
    const wallet = createWalletClient({
      account: privateKeyToAccount(chain.stack.accounts[accountIndex].privateKey),
      chain: defineGuildhallChain({ chainId: chain.chainId, rpcUrl: chain.rpcUrl }),
      transport: http(chain.rpcUrl),
    });
    const hash = await wallet.writeContract({
      address: token,
      abi: erc20VotesAbi,
      functionName: 'delegate',
      args: [to],
    });
    const receipt = await createPublicClient({ transport: http(chain.rpcUrl) }).waitForTransactionReceipt({
      hash,
    });
    return receipt.blockNumber;
  };

  beforeAll(async () => {
    [chain, db] = await Promise.all([
      startTestChain(),
      createTestDatabase({ entities: [...daoEntities, ...governanceEntities] }),
    ]);
    token = chain.stack.governanceToken;
    indexer = new TokenLogIndexer(
      db.dataSource,
      new ChainClientManager({ [chain.chainId]: chain.rpcUrl }),
      config(),
    );
    snapshot = await delegate(8, delegatee);
    head = await delegate(9, lateDelegatee);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    await chain?.close();
  });

  it('indexes delegates from DelegateVotesChanged, holders from Transfer, each up to a block', async () => {
    expect(await indexer.catchUp(token, snapshot)).toBe(snapshot);

    const delegates = await indexer.delegates(token, snapshot);
    const devAccounts = chain.stack.accounts.map((account) => Address.parse(account.address));
    expect(delegates).toEqual([...devAccounts, delegatee].sort());
    const holders = await indexer.holders(token, snapshot);
    expect(holders).toEqual(expect.arrayContaining(devAccounts));
    expect(holders).not.toContain(delegatee);

    // Resumes after the snapshot; the earlier addresses are not recorded twice.
    expect(await indexer.catchUp(token, head)).toBe(head);
    expect(await indexer.delegates(token, snapshot)).toEqual(delegates);
    expect(await indexer.delegates(token, head)).toEqual([...delegates, lateDelegatee].sort());
  });

  it('reads every delegate’s power at a past snapshot in bulk; their votes then ask the chain nothing', async () => {
    const { chains, reader } = newReader();
    await indexer.catchUp(token, snapshot);
    const delegates = await indexer.delegates(token, snapshot);

    // Enough voters for several chunks (500 each).
    const strangers = Array.from({ length: 1_500 }, (_, i) =>
      Address.parse(`0x${(0xabc0_0000 + i).toString(16).padStart(40, '0')}`),
    );
    expect(await reader.readAhead(token, snapshot, [...delegates, ...strangers])).toBe(
      delegates.length + 1_500,
    );
    const requests = chains.requests;
    expect(await reader.votingPower(token, snapshot, strangers[1_499])).toBe(0n);
    expect(await reader.votingPower(token, snapshot, delegatee)).toBe(DEV_GOVERNANCE_TOKENS_PER_ACCOUNT);
    expect(await reader.votingPower(token, snapshot, Address.parse(chain.stack.accounts[8].address))).toBe(
      0n,
    );
    expect(await reader.votingPower(token, snapshot, Address.parse(chain.stack.accounts[0].address))).toBe(
      DEV_GOVERNANCE_TOKENS_PER_ACCOUNT,
    );
    expect(chains.requests).toBe(requests);

    // Who was not read ahead is read alone, and delegated later counts for nothing at the snapshot.
    expect(await reader.votingPower(token, snapshot, lateDelegatee)).toBe(0n);
    expect(chains.requests).toBeGreaterThan(requests);
    // Asked again, nothing is read twice.
    expect(await reader.readAhead(token, snapshot, [...delegates, ...strangers])).toBe(0);
  });

  it('reads the chain head’s electorate too (getVotes at that block), as votingPower does', async () => {
    const { blocks, reader } = newReader();
    const latest = await blocks.latestBlock();
    await indexer.catchUp(token, latest);
    const delegates = await indexer.delegates(token, latest);

    expect(await reader.readAhead(token, latest, delegates)).toBe(delegates.length);
    expect(await reader.votingPower(token, latest, lateDelegatee)).toBe(DEV_GOVERNANCE_TOKENS_PER_ACCOUNT);
    expect(
      await newReader().reader.votingPower(token, latest, Address.parse(chain.stack.accounts[9].address)),
    ).toBe(0n);
  });

  it('VotingPowerReadAhead indexes and reads a snapshot once per process, and stops on shutdown', async () => {
    const { chains, reader } = newReader();
    const readAhead = new VotingPowerReadAhead(indexer, reader);

    const first = readAhead.start(token, snapshot);
    expect(readAhead.start(token, snapshot)).toBe(first);
    await first;
    const requests = chains.requests;
    expect(await reader.votingPower(token, snapshot, delegatee)).toBe(DEV_GOVERNANCE_TOKENS_PER_ACCOUNT);
    expect(chains.requests).toBe(requests);

    await readAhead.onModuleDestroy();
    await readAhead.start(token, head);
    expect(chains.requests).toBe(requests);
  });

  it('a chunk that fails is forgotten, never a zero: its voters are read alone when they vote', async () => {
    const { chains, blocks, reader } = newReader();
    // A block the chain does not have yet: the bulk read fails, and so does each read alone.
    const future = (await blocks.latestBlock()) + 1_000n;

    await expect(reader.readAhead(token, future, [delegatee])).rejects.toMatchObject({
      code: ChainErrorCode.RPC_UNREACHABLE,
    });
    const requests = chains.requests;
    await expect(reader.votingPower(token, future, delegatee)).rejects.toMatchObject({
      code: ChainErrorCode.RPC_UNREACHABLE,
    });
    expect(chains.requests).toBeGreaterThan(requests);
  });
});
