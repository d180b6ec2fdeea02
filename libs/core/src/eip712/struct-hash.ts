import {
  BaseError,
  BytesSizeMismatchError,
  hexToBytes,
  InvalidAddressError,
  InvalidPrimaryTypeError,
  isAddress,
  isHex,
  numberToHex,
} from 'viem';
import { checksumAddress, keccak256 } from '../crypto/keccak.js';
import { CommonError, CommonErrorCode } from '../errors/common.error.js';

/** EIP-712 struct definitions: name → its fields, in order. */
export type StructTypes = Readonly<
  Record<string, ReadonlyArray<{ readonly name: string; readonly type: string }>>
>;

const utf8 = new TextEncoder();
const WORD = 32;

/** The bytes of 0x-prefixed hex data; refuses anything else, as decoding it would garble it. */
const hexBytes = (value: unknown): Uint8Array => {
  if (typeof value !== 'string' || !isHex(value, { strict: true }) || value.length % 2 !== 0)
    throw new BaseError(`"${String(value)}" is not 0x-prefixed hex data of whole bytes`);
  return hexToBytes(value);
};

/**
 * EIP-712 `hashStruct` for a fixed set of struct types, with each type's hash computed once: the
 * types Guildhall signs use `string`, `bytes`, `bytes32`, `address`, `bool`, `uintN`, arrays and
 * nested structs, and only those are encoded here (anything else throws). Each value is checked
 * as it is encoded, as viem's `validateTypedData` checks it: an integer in its type's range (else
 * a BAD_INPUT INTEGER_OUT_OF_RANGE error naming the field: a client sent it), a `bytes32` of 32
 * bytes, an address of 20 bytes whose mixed case matches its checksum (computed with WebAssembly
 * keccak: viem's pure-JS one made the check a twentieth of a vote's cost), with viem's errors; and
 * hex data must be hex.
 */
export class StructHasher {
  private readonly typeHashes = new Map<string, Uint8Array>();

  constructor(private readonly types: StructTypes) {}

  /** `path`: where `data` is in the message, for errors (`config.`, `actions[0].`). */
  hashStruct(primaryType: string, data: Readonly<Record<string, unknown>>, path = ''): Uint8Array {
    const fields = this.types[primaryType];
    if (fields === undefined) throw new InvalidPrimaryTypeError({ primaryType, types: this.types });
    const encoded = new Uint8Array(WORD * (fields.length + 1));
    encoded.set(this.typeHash(primaryType), 0);
    fields.forEach((field, i) =>
      this.encodeField(encoded, WORD * (i + 1), field.type, data[field.name], `${path}${field.name}`),
    );
    return keccak256(encoded);
  }

  private typeHash(primaryType: string): Uint8Array {
    let hash = this.typeHashes.get(primaryType);
    if (hash === undefined) {
      const dependencies = [...this.dependencies(primaryType, new Set())].filter(
        (name) => name !== primaryType,
      );
      const encodeType = [primaryType, ...dependencies.sort()]
        .map((name) => `${name}(${this.types[name].map((field) => `${field.type} ${field.name}`).join(',')})`)
        .join('');
      hash = keccak256(utf8.encode(encodeType));
      this.typeHashes.set(primaryType, hash);
    }
    return hash;
  }

  private dependencies(name: string, found: Set<string>): Set<string> {
    if (found.has(name) || this.types[name] === undefined) return found;
    found.add(name);
    for (const field of this.types[name]) this.dependencies(field.type.replace(/\[\d*\]$/, ''), found);
    return found;
  }

  /** The 32-byte encoding of one value (the field at `path`) at `offset` of `into`. */
  private encodeField(into: Uint8Array, offset: number, type: string, value: unknown, path: string): void {
    if (type.endsWith('[]')) {
      const itemType = type.slice(0, -2);
      const items = value as readonly unknown[];
      const encoded = new Uint8Array(WORD * items.length);
      items.forEach((item, i) => this.encodeField(encoded, WORD * i, itemType, item, `${path}[${i}]`));
      into.set(keccak256(encoded), offset);
    } else if (this.types[type] !== undefined) {
      into.set(this.hashStruct(type, value as Record<string, unknown>, `${path}.`), offset);
    } else if (type === 'string') {
      into.set(keccak256(utf8.encode(value as string)), offset);
    } else if (type === 'bytes') {
      into.set(keccak256(hexBytes(value)), offset);
    } else if (type === 'bytes32') {
      const bytes = hexBytes(value);
      if (bytes.length !== WORD)
        throw new BytesSizeMismatchError({ expectedSize: WORD, givenSize: bytes.length });
      into.set(bytes, offset);
    } else if (type === 'address') {
      const valid =
        typeof value === 'string' &&
        isAddress(value, { strict: false }) &&
        (value === value.toLowerCase() || checksumAddress(value) === value);
      if (!valid) throw new InvalidAddressError({ address: String(value) });
      into.set(hexBytes(value), offset + 12);
    } else if (type === 'bool') {
      into[offset + WORD - 1] = value === true ? 1 : 0;
    } else if (/^uint(8|16|32|64|128|256)$/.test(type)) {
      const bits = Number(type.slice(4));
      const integer = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
      if (typeof integer !== 'bigint' || integer < 0n || integer >= 1n << BigInt(bits))
        throw new CommonError(
          CommonErrorCode.INTEGER_OUT_OF_RANGE,
          `${path}: ${String(value)} is not a ${type} (a whole number from 0 to 2^${bits} - 1)`,
          { field: path, type },
        );
      const size = bits / 8;
      into.set(hexBytes(numberToHex(integer, { size })), offset + WORD - size);
    } else {
      throw new Error(`EIP-712 type ${type} is not one Guildhall signs`);
    }
  }
}
