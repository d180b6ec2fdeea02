import { formatTokenAmount, formatTokenValue } from '@guildhall/core';
import {
  GuildhallApiError,
  TokenDocument,
  type GuildhallClient,
  type TokenFieldsFragment,
} from '@guildhall/sdk';
import { decodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';

/** A token's symbol and decimals, as the API's `token` query answers them. */
export type TokenInfo = Pick<TokenFieldsFragment, 'symbol' | 'decimals'>;

/**
 * An amount of base units for people: "250 dUSDC", "1,000,000 GUILD"; without the token's symbol
 * and decimals (a contract that does not answer as an ERC-20), the base units and the token:
 * "250000000 base units of 0x…". `amount` may carry a fractional part of base units (a quadratic
 * tally's scores): "12.5" base units with 6 decimals is "0.0000125".
 */
export function amountText(amount: bigint | string, token: TokenInfo | null, address: string): string {
  if (token === null) return `${amount} base units of ${address}`;
  const [whole, fraction = ''] = String(amount).split('.');
  // Base units with a fractional part: the same digits, with that many more decimals.
  return fraction === ''
    ? formatTokenValue(BigInt(whole), token)
    : `${formatTokenAmount(BigInt(whole + fraction), token.decimals + fraction.length)} ${token.symbol}`;
}

/**
 * The tokens a command prints amounts of: each one's symbol and decimals asked of the API once per
 * command (the API reads them from the chain once and keeps them). A token the API cannot describe
 * (NOT_AN_ERC20, or its chain does not answer) is printed in base units, never guessed.
 */
export class TokenBook {
  private readonly known = new Map<string, Promise<TokenInfo | null>>();

  constructor(private readonly client: GuildhallClient) {}

  info(address: string): Promise<TokenInfo | null> {
    const key = address.toLowerCase();
    let info = this.known.get(key);
    if (info === undefined) {
      info = this.client
        .request(TokenDocument, { address: address as `0x${string}` })
        .then(({ token }) => token)
        .catch((error: unknown) => {
          if (error instanceof GuildhallApiError) return null;
          throw error;
        });
      this.known.set(key, info);
    }
    return info;
  }

  /** `amountText` of an amount of `address`. */
  async amount(amount: bigint | string, address: string): Promise<string> {
    return amountText(amount, await this.info(address), address);
  }

  /**
   * An action as people read it: an ERC-20 transfer (a plain CALL sending no ETH) spelled out in
   * the token's units, "transfer 250 dUSDC to 0x…"; any other action as `otherwise`.
   */
  async action(
    action: { to: Address; value: bigint | string; data: Hex; operation: number },
    otherwise: string,
  ): Promise<string> {
    const transfer = erc20Transfer(action);
    if (transfer === undefined || BigInt(action.value) !== 0n) return otherwise;
    return `transfer ${await this.amount(transfer.amount, transfer.token)} to ${transfer.to}`;
  }

  /** A function that formats amounts of one token, once its metadata is known. */
  async formatter(address: string): Promise<(amount: bigint | string) => string> {
    const info = await this.info(address);
    return (amount) => amountText(amount, info, address);
  }
}

/** The ERC-20 transfer a call makes (`transfer(to, amount)` as a plain CALL), or undefined. */
export function erc20Transfer(action: {
  to: Address;
  data: Hex;
  operation: number;
}): { token: Address; to: Address; amount: bigint } | undefined {
  if (action.operation !== 0) return undefined;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data: action.data });
    return call.functionName === 'transfer'
      ? { token: action.to, to: call.args[0], amount: call.args[1] }
      : undefined;
  } catch {
    return undefined;
  }
}
