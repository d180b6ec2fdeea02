import { InvalidArgumentError } from 'commander';
import { encodeFunctionData, erc20Abi, getAddress, isAddress, isHex, type Address, type Hex } from 'viem';

// Option parsers for commander: each turns one argument into a typed value or throws
// InvalidArgumentError, which commander reports as "option '--x <v>' argument 'y' is invalid. …"
// (exit code 2). Everything a write needs is parsed before anything is signed or sent.

/** A problem with the command line found after parsing (e.g. an unreadable file): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const fail = (message: string): never => {
  throw new InvalidArgumentError(message);
};

/** Repeatable options collect into an array. */
export const collect =
  <T>(parse: (value: string) => T) =>
  (value: string, previous: readonly T[] | undefined): T[] => [...(previous ?? []), parse(value)];

export const address = (value: string): Address =>
  isAddress(value, { strict: false }) ? getAddress(value) : fail('expected a 0x-prefixed 20-byte address.');

export const slug = (value: string): string =>
  /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/.test(value)
    ? value
    : fail('expected a DAO slug: 3 to 40 lowercase letters, digits and inner hyphens.');

export const id = (value: string): string =>
  /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : fail('expected an id as the API prints it.');

export const text = (value: string): string => (value.trim() === '' ? fail('must not be empty.') : value);

export const integer =
  (min: number, max: number) =>
  (value: string): number => {
    const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? n
      : fail(`expected a whole number from ${min} to ${max}.`);
  };

export const bps = integer(0, 10_000);

/** A non-negative amount in base units, as a decimal integer. */
export const amount = (value: string): bigint =>
  /^\d{1,78}$/.test(value) ? BigInt(value) : fail('expected a whole number of base units (e.g. 1000000).');

export const fraction = (value: string): number => {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : fail('expected a number (e.g. 0.5).');
};

export const oneOf =
  <const T extends string>(values: readonly T[]) =>
  (value: string): T => {
    const upper = value.toUpperCase().replaceAll('-', '_');
    return (values as readonly string[]).includes(upper)
      ? (upper as T)
      : fail(`expected one of ${values.join(', ')}.`);
  };

/** `name@version`, e.g. `llama-guild-7b@1.2`. */
export const model = (value: string): { name: string; version: string } => {
  const at = value.lastIndexOf('@');
  return at > 0 && at < value.length - 1
    ? { name: value.slice(0, at), version: value.slice(at + 1) }
    : fail('expected NAME@VERSION (e.g. guild-7b@1.2).');
};

/** `URI#SHA256`: where the evidence lives and the sha256 of its bytes (64 hex digits, 0x optional). */
export const evidence = (value: string): { uri: string; sha256: Hex } => {
  const hash = value.lastIndexOf('#');
  const uri = value.slice(0, Math.max(hash, 0));
  const digest = value.slice(hash + 1).replace(/^0x/i, '');
  return hash > 0 && URL.canParse(uri) && /^[0-9a-fA-F]{64}$/.test(digest)
    ? { uri, sha256: `0x${digest.toLowerCase()}` }
    : fail('expected URI#SHA256 (a URI, "#", then 64 hex digits).');
};

export const uri = (value: string): string => (URL.canParse(value) ? value : fail('expected a URI.'));

/** `name=value` with a numeric value, e.g. `refusal_rate=0.97`. */
export const metric = (value: string): readonly [string, string] => {
  const eq = value.indexOf('=');
  const [name, number] = [value.slice(0, eq).trim(), value.slice(eq + 1).trim()];
  return eq > 0 && name !== '' && number !== '' && Number.isFinite(Number(number))
    ? [name, number]
    : fail('expected NAME=NUMBER (e.g. refusal_rate=0.97).');
};

/** `ADDRESS=BPS`: a co-contributor's share. */
export const split = (value: string): { contributor: Address; bps: number } => {
  const eq = value.indexOf('=');
  if (eq < 0) fail('expected ADDRESS=BPS (e.g. 0xAbC…=2500).');
  return { contributor: address(value.slice(0, eq)), bps: bps(value.slice(eq + 1)) };
};

/** An on-chain action of a proposal, executed by the DAO's Safe if it passes. */
export interface ProposalAction {
  readonly to: Address;
  readonly value: bigint;
  readonly data: Hex;
  readonly operation: 0;
}

/** `TOKEN:TO:AMOUNT`: an ERC20 transfer from the Safe, the amount in the token's base units. */
export const transfer = (value: string): ProposalAction => {
  const parts = value.split(':');
  if (parts.length !== 3) fail('expected TOKEN:TO:AMOUNT (e.g. 0xToken…:0xRecipient…:250000000).');
  return {
    to: address(parts[0]),
    value: 0n,
    data: encodeFunctionData({
      abi: erc20Abi,
      functionName: 'transfer',
      args: [address(parts[1]), amount(parts[2])],
    }),
    operation: 0,
  };
};

/** `TO:WEI[:CALLDATA]`: any call from the Safe (ETH in wei, optional 0x calldata). */
export const call = (value: string): ProposalAction => {
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3) fail('expected TO:WEI[:CALLDATA] (e.g. 0xAbC…:0:0xa9059cbb…).');
  const data = parts[2] ?? '0x';
  if (!isHex(data) || data.length % 2 !== 0) fail('expected 0x-prefixed calldata with whole bytes.');
  return { to: address(parts[0]), value: amount(parts[1]), data: data as Hex, operation: 0 };
};

/** `KIND=SHARE_BPS[:FLOOR_BPS]`: a round's reward pool. */
export const pool =
  <const K extends string>(kinds: readonly K[]) =>
  (value: string): { kind: K; shareBps: number; floorBps: number } => {
    const match = /^([A-Za-z_-]+)=(\d+)(?::(\d+))?$/.exec(value);
    if (match === null) return fail('expected KIND=SHARE_BPS[:FLOOR_BPS] (e.g. FINE_TUNING=5000).');
    return { kind: oneOf(kinds)(match[1]), shareBps: bps(match[2]), floorBps: bps(match[3] ?? '0') };
  };

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** A duration: `90`, `90s`, `30m`, `2h`, `7d`, `1w`, in seconds. */
export const duration = (value: string): number => {
  const match = /^(\d+)([smhdw]?)$/.exec(value);
  return match === null
    ? fail('expected a duration such as 90, 30m, 2h or 7d.')
    : Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
};

/** A point in time: `now`, `+DURATION` or `-DURATION` from now, unix seconds, or an ISO 8601 date. */
export const time = (value: string): Date => {
  if (value === 'now') return new Date();
  const relative = /^([+-])(.+)$/.exec(value);
  if (relative !== null) {
    const seconds = duration(relative[2]);
    return new Date(Date.now() + (relative[1] === '+' ? 1 : -1) * seconds * 1000);
  }
  if (/^\d+$/.test(value)) return new Date(Number(value) * 1000);
  const date = new Date(value);
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(date.getTime())
    ? date
    : fail('expected now, +2h, -1d, unix seconds or an ISO 8601 date.');
};

/** A private key: 32 bytes of hex, 0x optional. */
export const privateKey = (value: string): Hex => {
  const hex = value.startsWith('0x') ? value : `0x${value}`;
  return isHex(hex) && hex.length === 66 ? hex : fail('expected 32 bytes of hex.');
};

/** JSON text (a vote choice in Snapshot's format: 1, [1, 3], {"1": 2}). */
export const json = (value: string): unknown => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fail('expected JSON, e.g. 1, [1,3] or {"1":2,"3":1}.');
  }
};
