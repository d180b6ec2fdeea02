import {
  ChainError,
  ChainErrorCode,
  ChainReader,
  SignatureVerifier,
  type PublicClientProvider,
  type SafeAccount,
  type TokenMetadata,
} from '@guildhall/chain';
import { GovernanceChainReader } from '@guildhall/governance';
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
    const token = (address: Address): StubToken & { address: Address } => {
      const found = this.tokens.get(getAddress(address));
      if (found === undefined)
        throw new ChainError(
          ChainErrorCode.NOT_AN_ERC20,
          `${address} is not an ERC20 token on chain ${this.chainId}`,
          { token: address },
        );
      return { ...found, address: getAddress(address) };
    };
    const chain: Face<ChainReader> = {
      token: (address) =>
        answer((): TokenMetadata => {
          const { symbol, decimals } = token(address);
          return { chainId: this.chainId, address: getAddress(address), symbol, decimals };
        }),
      assertErc20: (address) => answer(() => ({ decimals: token(address).decimals })),
      assertErc20Votes: (address) =>
        answer(() => {
          if (this.tokens.get(getAddress(address))?.votes !== true)
            throw new ChainError(
              ChainErrorCode.NOT_AN_ERC20_VOTES_TOKEN,
              `${address} is not an ERC20Votes token on chain ${this.chainId}`,
              { token: address },
            );
        }),
      readSafe: (safe) =>
        answer((): SafeAccount => {
          const found = this.safes.get(getAddress(safe));
          if (found === undefined)
            throw new ChainError(
              ChainErrorCode.NOT_A_SAFE,
              `${safe} is not a Safe on chain ${this.chainId}`,
              {
                safe,
              },
            );
          return {
            chainId: this.chainId,
            safe: getAddress(safe),
            owners: [...found.owners],
            threshold: found.threshold,
            nonce: 0n,
            version: '1.4.1',
          };
        }),
      balanceOf: (address, holder) =>
        answer(() => this.balances.get(`${getAddress(address)}/${getAddress(holder)}`) ?? 0n),
      latestBlock: () => answer(() => this.block),
    };
    const governance: Face<GovernanceChainReader> = {
      pastTotalSupply: (address) => answer(() => this.totalVotes(address)),
      votingPower: (address, _block, voter) =>
        answer(() => this.powers.get(`${getAddress(address)}/${getAddress(voter)}`) ?? 0n),
      readAhead: (_address, _block, voters) => answer(() => voters.length),
    };
    const noContracts: PublicClientProvider = {
      getPublicClient: () =>
        ({ getCode: () => answer(() => undefined) }) as unknown as ReturnType<
          PublicClientProvider['getPublicClient']
        >,
    };
    return [
      [SignatureVerifier, new SignatureVerifier(noContracts)],
      [ChainReader, chain],
      [GovernanceChainReader, governance],
    ];
  }

  private totalVotes(token: Address): bigint {
    const prefix = `${getAddress(token)}/`;
    let total = 0n;
    for (const [key, amount] of this.powers) if (key.startsWith(prefix)) total += amount;
    return total;
  }
}
