import { concatHex, numberToHex, pad, recoverAddress, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { parseSafeSignature } from './safe-signature.js';
import { TreasuryError } from './treasury.error.js';

const hash: Hex = `0x${'ab'.repeat(32)}`;
const owner = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4';

describe('parseSafeSignature', () => {
  it('reads an EIP-712 ECDSA signature (v 27/28) and leaves it recoverable as is', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const signature = await account.sign({ hash });

    const parsed = parseSafeSignature(signature);

    expect(parsed.type).toBe('EOA');
    expect(await recoverAddress({ hash, signature: parsed.signature })).toBe(account.address);
  });

  it('reads eth_sign (v 31/32) as v − 4 over the prefixed hash', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const signed = await account.signMessage({ message: { raw: hash } });
    const v = Number.parseInt(signed.slice(-2), 16);
    const safeEncoded = `${signed.slice(0, -2)}${(v + 4).toString(16)}` as Hex;

    const parsed = parseSafeSignature(safeEncoded);

    expect(parsed).toMatchObject({ type: 'ETH_SIGN', recoverable: signed });
  });

  it('reads an approved hash (v = 1) and a contract signature (v = 0) with their owner', () => {
    const r = pad(owner.toLowerCase() as Hex);
    expect(parseSafeSignature(concatHex([r, pad('0x0'), '0x01']))).toMatchObject({
      type: 'APPROVED_HASH',
      owner,
    });
    const data = '0xdeadbeef';
    const contract = concatHex([r, pad(numberToHex(65)), '0x00', pad(numberToHex(4)), data]);
    expect(parseSafeSignature(contract)).toMatchObject({ type: 'CONTRACT', owner, contractSignature: data });
  });

  it.each([
    ['not hex', 'hello', 'expected 0x-prefixed hex bytes'],
    ['an odd number of digits', '0xabc', 'expected 0x-prefixed hex bytes'],
    ['truncated', `0x${'11'.repeat(64)}`, 'expected at least 65 bytes, got 64'],
    ['two signatures at once', `0x${'11'.repeat(64)}1b${'22'.repeat(64)}1c`, 'exactly 65 bytes'],
    ['an unknown v', `0x${'11'.repeat(64)}05`, 'unknown signature type v = 5'],
    ['r that is not an address', `0x${'ff'.repeat(32)}${'00'.repeat(32)}01`, 'r does not hold an address'],
    [
      'a contract signature with a wrong offset',
      concatHex([pad(owner.toLowerCase() as Hex), pad(numberToHex(130)), '0x00']),
      'starts at byte 65, not 130',
    ],
    [
      'a contract signature shorter than its length',
      concatHex([
        pad(owner.toLowerCase() as Hex),
        pad(numberToHex(65)),
        '0x00',
        pad(numberToHex(8)),
        '0xdead',
      ]),
      'is 2 bytes, its length says 8',
    ],
  ])('refuses %s with MALFORMED_SIGNATURE', (_, signature, message) => {
    const attempt = () => parseSafeSignature(signature);
    expect(attempt).toThrow(TreasuryError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as TreasuryError).code).toBe('MALFORMED_SIGNATURE');
    }
  });
});
