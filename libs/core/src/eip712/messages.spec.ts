import { hashTypedData, type TypedDataParameter } from 'viem';
import { errorOf } from '../testing/error-of.js';
import {
  GUILDHALL_TYPES,
  guildhallTypedData,
  hashGuildhallTypedData,
  type GuildhallPrimaryType,
} from './messages.js';

const STRUCTS = GUILDHALL_TYPES as unknown as Record<string, readonly TypedDataParameter[]>;
const PRIMARY_TYPES = Object.keys(GUILDHALL_TYPES).filter(
  (name) =>
    !Object.values(STRUCTS).some((fields) => fields.some((field) => field.type.replace('[]', '') === name)),
) as GuildhallPrimaryType[];

/** A value of EIP-712 type `type` that differs with `seed`. */
function sample(type: string, seed: number): unknown {
  if (type.endsWith('[]')) return [sample(type.slice(0, -2), seed), sample(type.slice(0, -2), seed + 1)];
  if (type in STRUCTS) return message(type, seed);
  if (type === 'address') return `0x${(seed + 1).toString(16).padStart(40, 'a')}`;
  if (type === 'string') return `text ${seed} ✓`;
  if (type === 'bool') return seed % 2 === 0;
  if (type === 'bytes') return `0x${'ab'.repeat(seed + 1)}`;
  if (type === 'bytes32') return `0x${(seed + 1).toString(16).padStart(64, '0')}`;
  if (type.startsWith('uint')) return BigInt((seed % 200) + 7);
  throw new Error(`no sample for ${type}`);
}

function message(type: string, seed: number): Record<string, unknown> {
  return Object.fromEntries(STRUCTS[type].map((field, i) => [field.name, sample(field.type, seed + i)]));
}

describe('hashGuildhallTypedData', () => {
  it('covers every primary type', () => {
    expect(PRIMARY_TYPES).toEqual(expect.arrayContaining(['Vote', 'CreateDao', 'SubmitAttestation']));
  });

  it.each(PRIMARY_TYPES)('hashes %s as viem hashTypedData does, on every chain', (primaryType) => {
    for (const chainId of [1, 31337, 8453]) {
      const typedData = guildhallTypedData(chainId, primaryType, message(primaryType, chainId) as never);
      expect(hashGuildhallTypedData(typedData)).toBe(hashTypedData(typedData));
    }
  });

  it('hashes empty arrays, texts longer than a keccak block and the largest uint256 as viem does', () => {
    const typedData = guildhallTypedData(1, 'CreateProposal', {
      ...message('CreateProposal', 0),
      body: 'é'.repeat(20_000),
      choices: [],
      actions: [{ to: sample('address', 1), value: 2n ** 256n - 1n, data: '0x', operation: 0 }],
    } as never);
    expect(hashGuildhallTypedData(typedData)).toBe(hashTypedData(typedData));
    const none = guildhallTypedData(1, 'CreateProposal', {
      ...message('CreateProposal', 0),
      actions: [],
    } as never);
    expect(hashGuildhallTypedData(none)).toBe(hashTypedData(none));
  });

  it('refuses what viem refuses: a mis-checksummed address', () => {
    const typedData = guildhallTypedData(1, 'Vote', {
      ...message('Vote', 0),
      from: '0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266',
    } as never);
    expect(() => hashTypedData(typedData)).toThrow(/Address ".*" is invalid/);
    expect(() => hashGuildhallTypedData(typedData)).toThrow(/Address ".*" is invalid/);
  });

  it.each([
    ['a uint64 above its range', 'Vote', { timestamp: 2n ** 64n }, 'timestamp', 'uint64'],
    ['a negative uint64', 'Vote', { timestamp: -1n }, 'timestamp', 'uint64'],
    ['a fractional number', 'Vote', { timestamp: 1.5 }, 'timestamp', 'uint64'],
    [
      'a uint8 in a struct of an array',
      'CreateProposal',
      { actions: [{ ...message('Action', 0), operation: 256 }] },
      'actions[0].operation',
      'uint8',
    ],
    [
      'a uint16 in a nested struct',
      'CreateDao',
      { config: { ...message('VotingConfig', 0), supermajorityBps: 65_536 } },
      'config.supermajorityBps',
      'uint16',
    ],
  ] as const)(
    'refuses %s, as viem does, with a typed error naming the field',
    (_what, primaryType, fields, field, type) => {
      const typedData = guildhallTypedData(1, primaryType, {
        ...message(primaryType, 0),
        ...fields,
      } as never);
      expect(() => hashTypedData(typedData)).toThrow();
      expect(errorOf(() => hashGuildhallTypedData(typedData))).toMatchObject({
        code: 'INTEGER_OUT_OF_RANGE',
        category: 'BAD_INPUT',
        details: { field, type },
      });
    },
  );

  it('accepts the largest uint64 and a uint given as a safe number', () => {
    for (const timestamp of [2n ** 64n - 1n, 1_700_000_000]) {
      const typedData = guildhallTypedData(1, 'Vote', { ...message('Vote', 0), timestamp } as never);
      expect(hashGuildhallTypedData(typedData)).toBe(hashTypedData(typedData));
    }
  });

  it('refuses a bytes32 of another size, and hex data that is not hex', () => {
    const withEvidenceHash = (sha256: string) =>
      guildhallTypedData(1, 'SubmitAttestation', {
        ...message('SubmitAttestation', 0),
        evidence: [{ ...message('Evidence', 0), sha256 }],
      } as never);
    const short = withEvidenceHash('0xabcd');
    // viem finds this one (in an array of structs) when it encodes it, not when it validates.
    expect(() => hashTypedData(short)).toThrow(/\(bytes2\) does not match expected size \(bytes32\)/);
    expect(() => hashGuildhallTypedData(short)).toThrow('Expected bytes32, got bytes2.');
    const notHex = withEvidenceHash(`0x${'zz'.repeat(32)}`);
    expect(() => hashGuildhallTypedData(notHex)).toThrow(/is not 0x-prefixed hex data of whole bytes/);
  });

  it('accepts an address in lower case or with its checksum, as viem does', () => {
    for (const from of [
      '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    ]) {
      const typedData = guildhallTypedData(1, 'Vote', { ...message('Vote', 0), from } as never);
      expect(hashGuildhallTypedData(typedData)).toBe(hashTypedData(typedData));
    }
  });
});
