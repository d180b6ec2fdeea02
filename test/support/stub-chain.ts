import {
  ChainError,
  ChainErrorCode,
  SignatureVerifier,
  TokenMetadataReader,
  type PublicClientProvider,
  type TokenMetadata,
} from '@guildhall/chain';
import { DaoChainReader, DaoError, DaoErrorCode } from '@guildhall/dao';
import { GovernanceChainReader } from '@guildhall/governance';
import { RewardsChainReader, RewardsError, RewardsErrorCode } from '@guildhall/rewards';
import { getAddress, type Address } from 'viem';

/** What `read` returns or throws, as a reader answers it: a promise, settled after the call. */
const answer = <T>(read: () => T): Promise<T> => Promise.resolve().then(read);

/** The public face of a reader class (its private members left out): what a stub must answer. */
type Face<T> = Pick<T, keyof T>;

interface StubToken {
  readonly symbol: string;
  readonly decimals: number;
  /** ERC20Votes: checkpointed votes and supply (a governance token). */
  readonly votes: boolean;
}

/**
 * The chain as the service tests see it: tokens, balances, voting power, Safes and the latest
 * block, set by the test, answered by stand-ins for the chain readers (`overrides`). Each reader
 * keeps its real contract: an address that is not what it is asked about gets the reader's own
 * typed error. Voting power and supply are the same at every block. Every signer is an EOA: the
 * real `SignatureVerifier` recovers signatures locally and finds no contract wallet behind a
 * signature that does not recover (ERC-1271 signers are the e2e tier's).
 */
export class StubChain {
  /** The latest block; a test moves it by hand. */
  block = 1_000n;
  private readonly tokens = new Map<Address, StubToken>();
  private readonly balances = new Map<string, bigint>();
  private readonly powers = new Map<string, bigint>();
  private readonly safes = new Map<Address, { owners: Address[]; threshold: number }>();

  constructor(readonly chainId = 31337) {}

  addToken(address: Address, token: { symbol: string; decimals: number; votes?: boolean }): this {
    this.tokens.set(getAddress(address), { votes: false, ...token });
    return this;
  }

  setBalance(token: Address, holder: Address, amount: bigint): this {
    this.balances.set(`${getAddress(token)}/${getAddress(holder)}`, amount);
    return this;
  }

  setVotingPower(token: Address, voter: Address, amount: bigint): this {
    this.powers.set(`${getAddress(token)}/${getAddress(voter)}`, amount);
    return this;
  }

  addSafe(address: Address, owners: readonly Address[], threshold: number): this {
    this.safes.set(getAddress(address), { owners: owners.map((owner) => getAddress(owner)), threshold });
    return this;
  }

  /** The reader classes the harness replaces, each with its stand-in on this chain. */
  overrides(): ReadonlyArray<readonly [token: object, stub: object]> {
    const dao: Face<DaoChainReader> = {
      assertErc20Votes: (token) =>
        answer(() => {
          if (this.tokens.get(getAddress(token))?.votes !== true)
            throw new DaoError(
              DaoErrorCode.NOT_AN_ERC20_VOTES_TOKEN,
              `${token} is not an ERC20Votes token on chain ${this.chainId}`,
              { token },
            );
        }),
      readSafe: (safe) =>
        answer(() => {
          const found = this.safes.get(getAddress(safe));
          if (found === undefined)
            throw new DaoError(DaoErrorCode.NOT_A_SAFE, `${safe} is not a Safe on chain ${this.chainId}`, {
              safe,
            });
          return { owners: [...found.owners], threshold: found.threshold };
        }),
    };
    const rewards: Face<RewardsChainReader> = {
      assertErc20: (token) =>
        answer(() => {
          const found = this.tokens.get(getAddress(token));
          if (found === undefined)
            throw new RewardsError(
              RewardsErrorCode.UNKNOWN_TOKEN,
              `${token} is not an ERC20 token on this chain`,
              { token },
            );
          return { decimals: found.decimals };
        }),
      balanceOf: (token, holder) =>
        answer(() => this.balances.get(`${getAddress(token)}/${getAddress(holder)}`) ?? 0n),
      latestBlock: () => answer(() => this.block),
    };
    const governance: Face<GovernanceChainReader> = {
      latestBlock: () => answer(() => this.block),
      pastTotalSupply: (token) => answer(() => this.totalVotes(token)),
      votingPower: (token, _block, voter) =>
        answer(() => this.powers.get(`${getAddress(token)}/${getAddress(voter)}`) ?? 0n),
      readAhead: (_token, _block, voters) => answer(() => voters.length),
    };
    const metadata: Face<TokenMetadataReader> = {
      read: (token) =>
        answer((): TokenMetadata => {
          const address = getAddress(token);
          const found = this.tokens.get(address);
          if (found === undefined)
            throw new ChainError(
              ChainErrorCode.NOT_AN_ERC20,
              `${address} is not an ERC-20 token on chain ${this.chainId}`,
              { token: address },
            );
          return { chainId: this.chainId, address, symbol: found.symbol, decimals: found.decimals };
        }),
    };
    const noContracts: PublicClientProvider = {
      getPublicClient: () =>
        ({ getCode: () => answer(() => undefined) }) as unknown as ReturnType<
          PublicClientProvider['getPublicClient']
        >,
    };
    return [
      [SignatureVerifier, new SignatureVerifier(noContracts)],
      [DaoChainReader, dao],
      [RewardsChainReader, rewards],
      [GovernanceChainReader, governance],
      [TokenMetadataReader, metadata],
    ];
  }

  private totalVotes(token: Address): bigint {
    const prefix = `${getAddress(token)}/`;
    let total = 0n;
    for (const [key, amount] of this.powers) if (key.startsWith(prefix)) total += amount;
    return total;
  }
}
