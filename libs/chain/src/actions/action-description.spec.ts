import { encodeFunctionData, erc20Abi, parseEther } from 'viem';
import { safeAbi } from '../abi/generated/index.js';
import { describeAction } from './action-description.js';

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('describeAction', () => {
  it('spells out an ERC20 transfer in base units', () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [alice, 2_500_000n] });
    expect(describeAction({ to: token, value: 0n, data, operation: 0 })).toBe(
      `ERC20 transfer of 2500000 base units of token ${token} to ${alice}`,
    );
  });

  it('decodes calls to other known ABIs with their arguments', () => {
    const data = encodeFunctionData({ abi: safeAbi, functionName: 'changeThreshold', args: [3n] });
    expect(describeAction({ to: token, value: 0n, data, operation: 0 })).toBe(
      `Safe.changeThreshold(3) call to ${token}`,
    );
  });

  it('shows plain ETH sends and unknown calldata as such', () => {
    expect(describeAction({ to: alice, value: parseEther('1.5'), data: '0x', operation: 0 })).toBe(
      `Send 1.5 ETH (1500000000000000000 wei) to ${alice}`,
    );
    expect(describeAction({ to: alice, value: 0n, data: '0xdeadbeef0000', operation: 1 })).toBe(
      `DELEGATECALL to ${alice} with unknown calldata (selector 0xdeadbeef, 6 bytes)`,
    );
  });
});
