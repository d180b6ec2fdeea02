import { keccak256, recoverAddress, toHex, type Hash, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { recoverSigner, SIGNER_RECOVERY } from './recover-signer.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const word = (n: bigint) => n.toString(16).padStart(64, '0');

/** What viem's pure-JS recovery answers: the address, or null where it throws. */
const viemAnswer = (hash: Hash, signature: Hex) =>
  recoverAddress({ hash, signature }).then(
    (address) => address.toLowerCase(),
    () => null,
  );

const account = privateKeyToAccount(keccak256(toHex('recover-signer spec')));

describe('recoverSigner', () => {
  it('uses the prebuilt libsecp256k1 binding where the package ships one', () => {
    const prebuilt = ['linux-x64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
    expect(SIGNER_RECOVERY).toBe(
      prebuilt.includes(`${process.platform}-${process.arch}`) ? 'libsecp256k1' : 'viem',
    );
  });

  it('answers exactly as viem does for valid, malleated, tampered and malformed signatures', async () => {
    const cases: Array<[Hash, Hex]> = [];
    for (let i = 0; i < 20; i++) {
      const hash = keccak256(toHex(`message ${i}`));
      const signature = await account.sign({ hash });
      const rs = signature.slice(2, 130);
      const v = Number.parseInt(signature.slice(130), 16);
      const s = BigInt(`0x${signature.slice(66, 130)}`);
      cases.push(
        [hash, signature],
        [hash, `0x${rs}${(v - 27).toString(16).padStart(2, '0')}`],
        [hash, `0x${signature.slice(2, 66)}${word(N - s)}${(55 - v).toString(16)}`],
        [keccak256(toHex(`other ${i}`)), signature],
        [hash, `0x${rs}${(v + 2).toString(16)}`],
        [hash, `0x${rs}`],
        [hash, `${signature}00`],
      );
    }
    cases.push(
      [keccak256('0x01'), `0x${word(0n)}${word(1n)}1b`],
      [keccak256('0x01'), `0x${word(1n)}${word(N)}1b`],
      [keccak256('0x01'), `0x${word(N)}${word(1n)}1c`],
      [keccak256('0x01'), '0x'],
    );
    for (const [hash, signature] of cases) {
      const ours = await recoverSigner(hash, signature);
      expect({ signature, address: ours?.toLowerCase() ?? null }).toEqual({
        signature,
        address: await viemAnswer(hash, signature),
      });
    }
    expect(await recoverSigner(cases[0][0], cases[0][1])).toBe(account.address.toLowerCase());
  });
});
