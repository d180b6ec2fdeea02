import { jest } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import type { SafeTransactionFieldsFragment } from '@guildhall/sdk';
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { safeTxHash } from './safe.command.js';
import { conflictingNonces, payoutTotals, printTotals } from './safe.js';

const USDC: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const GOV: Address = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const ALICE: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const transfer = (token: Address, amount: bigint) => ({
  to: token,
  value: '0',
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [ALICE, amount] }),
  operation: 0,
  humanReadable: '',
});

const payout = (actions: ReturnType<typeof transfer>[]) => ({ actions }) as SafeTransactionFieldsFragment;

describe('guildhall safe helpers', () => {
  it('reads a safeTxHash as 0x and 64 hex digits, lower-cased', () => {
    const hash = `0x${'Ab'.repeat(32)}`;
    expect(safeTxHash(hash)).toBe(hash.toLowerCase());
    for (const bad of ['0x1234', `${hash}00`, 'ab'.repeat(32), `0x${'zz'.repeat(32)}`])
      expect(() => safeTxHash(bad)).toThrow(InvalidArgumentError);
  });

  it('flags nonces with more than one queued transaction', () => {
    expect([...conflictingNonces([{ nonce: '3' }, { nonce: '4' }, { nonce: '4' }, { nonce: '5' }])]).toEqual([
      '4',
    ]);
    expect(conflictingNonces([{ nonce: '0' }, { nonce: '1' }]).size).toBe(0);
  });

  it('sums the ERC20 transfers of payout transactions per token, leaving other calls out', () => {
    const totals = payoutTotals([
      payout([transfer(USDC, 1_250_000_000n), transfer(USDC, 1n)]),
      payout([
        transfer(GOV, 7n),
        {
          ...transfer(USDC, 0n),
          data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [ALICE, 5n] }),
        },
        { ...transfer(USDC, 0n), data: '0x' },
      ]),
    ]);
    expect(totals.transfers).toBe(3);
    expect(totals.amounts).toEqual(
      new Map([
        [USDC, 1_250_000_001n],
        [GOV, 7n],
      ]),
    );
  });

  it('shows a token symbol with its escape sequences visible, on stderr before a --json signing', () => {
    let err = '';
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    try {
      printTotals(
        'r1',
        {
          transactions: 1,
          transfers: 1,
          tokens: [{ token: USDC, symbol: 'USDC\u001b[2K\r\u202e', decimals: 6, amount: 1_500_000n }],
        },
        true,
      );
    } finally {
      write.mockRestore();
    }
    expect(err).toContain('1.5 USDC\\x1b[2K\\r\\u202e');
    expect(err).not.toContain('\u001b[2K');
  });
});
