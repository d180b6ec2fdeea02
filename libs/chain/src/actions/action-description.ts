import { erc20Abi, erc20VotesAbi, multiSendCallOnlyAbi, safeAbi } from '../abi/generated/index.js';
import { decodeFunctionData, formatEther, slice, type Abi, type Address, type Hex } from 'viem';

/** ABIs whose calls are shown decoded; ERC20 first, so a transfer reads as a transfer. */
const KNOWN_ABIS: ReadonlyArray<{ readonly name: string; readonly abi: Abi }> = [
  { name: 'ERC20', abi: erc20Abi },
  { name: 'ERC20Votes', abi: erc20VotesAbi },
  { name: 'Safe', abi: safeAbi },
  { name: 'MultiSendCallOnly', abi: multiSendCallOnlyAbi },
];

const show = (value: unknown): string =>
  typeof value === 'bigint'
    ? value.toString()
    : Array.isArray(value)
      ? `[${value.map(show).join(', ')}]`
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);

/**
 * A human-readable line for an on-chain action, as signers and voters see it: an ERC20 transfer
 * spelled out (amounts in base units), a call to a known ABI with its arguments, or the raw
 * selector of calldata nobody here can decode.
 */
export function describeAction(action: { to: Address; value: bigint; data: Hex; operation: 0 | 1 }): string {
  const mode = action.operation === 1 ? 'DELEGATECALL to' : 'call to';
  const sending = action.value > 0n ? ` sending ${formatEther(action.value)} ETH (${action.value} wei)` : '';
  if (action.data === '0x') {
    return action.value > 0n
      ? `Send ${formatEther(action.value)} ETH (${action.value} wei) to ${action.to}`
      : `Empty ${mode} ${action.to}`;
  }
  for (const { name, abi } of KNOWN_ABIS) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data: action.data });
      const list = (args ?? []).map(show);
      if (name === 'ERC20' && functionName === 'transfer' && action.operation === 0) {
        return `ERC20 transfer of ${list[1]} base units of token ${action.to} to ${list[0]}${sending}`;
      }
      return `${name}.${functionName}(${list.join(', ')}) ${mode} ${action.to}${sending}`;
    } catch {
      // not this ABI
    }
  }
  const selector = action.data.length >= 10 ? slice(action.data, 0, 4) : action.data;
  return `${mode[0].toUpperCase()}${mode.slice(1)} ${action.to} with unknown calldata (selector ${selector}, ${(action.data.length - 2) / 2} bytes)${sending}`;
}

/** The ERC-20 transfer an action makes (a plain CALL of `transfer(to, amount)`), or null. */
export function erc20TransferOf(action: {
  to: Address;
  data: Hex;
  operation: number;
}): { token: Address; to: Address; amount: bigint } | null {
  if (action.operation !== 0) return null;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data: action.data });
    return call.functionName === 'transfer'
      ? { token: action.to, to: call.args[0], amount: call.args[1] }
      : null;
  } catch {
    return null;
  }
}
