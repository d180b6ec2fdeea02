import { GuildhallApiError, type GuildhallClient } from '@guildhall/sdk';
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { amountText, erc20Transfer, TokenBook } from './amounts.js';

const USDC: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ALICE: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const dUSDC = { symbol: 'dUSDC', decimals: 6 };

describe('amountText', () => {
  it('prints base units in the token’s units with its symbol', () => {
    expect(amountText(250_000_000n, dUSDC, USDC)).toBe('250 dUSDC');
    expect(amountText('500000', dUSDC, USDC)).toBe('0.5 dUSDC');
    expect(amountText('0', dUSDC, USDC)).toBe('0 dUSDC');
    expect(amountText(10n ** 24n, { symbol: 'GUILD', decimals: 18 }, USDC)).toBe('1,000,000 GUILD');
  });

  it('keeps a fractional part of base units exact (quadratic scores)', () => {
    expect(amountText('1250000.5', dUSDC, USDC)).toBe('1.2500005 dUSDC');
    expect(amountText('3.25', { symbol: 'X', decimals: 0 }, USDC)).toBe('3.25 X');
  });

  it('falls back to base units and the address without the token’s metadata', () => {
    expect(amountText(250_000_000n, null, USDC)).toBe(`250000000 base units of ${USDC}`);
  });
});

describe('erc20Transfer', () => {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [ALICE, 7n] });

  it('decodes a transfer call', () => {
    expect(erc20Transfer({ to: USDC, data, operation: 0 })).toEqual({ token: USDC, to: ALICE, amount: 7n });
  });

  it('leaves out other calls, delegatecalls and empty data', () => {
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [ALICE, 7n] });
    expect(erc20Transfer({ to: USDC, data: approve, operation: 0 })).toBeUndefined();
    expect(erc20Transfer({ to: USDC, data, operation: 1 })).toBeUndefined();
    expect(erc20Transfer({ to: USDC, data: '0x', operation: 0 })).toBeUndefined();
  });
});

describe('TokenBook', () => {
  /** A client that answers the token query from `answers` and counts the questions. */
  const clientOf = (answers: Record<string, unknown>) => {
    const asked: string[] = [];
    const client = {
      request: (_document: unknown, variables: { address: string }) => {
        asked.push(variables.address);
        const answer = answers[variables.address.toLowerCase()];
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ token: answer });
      },
    } as unknown as GuildhallClient;
    return { client, asked };
  };

  it('asks the API about each token once per command, whatever the address case', async () => {
    const { client, asked } = clientOf({ [USDC.toLowerCase()]: { address: USDC, ...dUSDC } });
    const book = new TokenBook(client);

    expect(await book.amount(1_500_000n, USDC)).toBe('1.5 dUSDC');
    expect(await book.amount(1n, USDC.toLowerCase())).toBe('0.000001 dUSDC');
    expect((await book.formatter(USDC))('2000000000')).toBe('2,000 dUSDC');
    expect(asked).toEqual([USDC]);
  });

  it('prints base units for a token the API cannot describe (NOT_AN_ERC20)', async () => {
    const { client } = clientOf({
      [ALICE.toLowerCase()]: new GuildhallApiError('NOT_AN_ERC20', 'not a token', 'BAD_INPUT', false),
    });
    expect(await new TokenBook(client).amount(5n, ALICE)).toBe(`5 base units of ${ALICE}`);
  });

  it('lets an unexpected failure through', async () => {
    const { client } = clientOf({ [USDC.toLowerCase()]: new TypeError('bug') });
    await expect(new TokenBook(client).amount(5n, USDC)).rejects.toThrow(TypeError);
  });
});
