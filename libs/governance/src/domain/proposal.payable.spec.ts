import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { transferredBy } from './proposal.payable.js';

const token = '0x1111111111111111111111111111111111111111' as Address;
const other = '0x2222222222222222222222222222222222222222' as Address;
const payee = '0x3333333333333333333333333333333333333333' as Address;
const call = (to: Address, functionName: 'transfer' | 'approve', amount: bigint) => ({
  to,
  data: encodeFunctionData({ abi: erc20Abi, functionName, args: [payee, amount] }),
});

describe('transferredBy', () => {
  it('adds up the ERC20 transfers of the token, not its approvals nor other tokens’ transfers', () => {
    expect(
      transferredBy(
        [
          call(token, 'transfer', 5n),
          call(token, 'approve', 100n),
          call(other, 'transfer', 7n),
          call(token.toLowerCase() as Address, 'transfer', 2n),
          { to: token, data: '0x' },
        ],
        token,
      ),
    ).toBe(7n);
  });
});
