import * as Keystore from 'ox/Keystore';
import { UsageError } from './args.js';
import { openKeystore, parseKeystore } from './keys.js';

// The Web3 Secret Storage definition's own test vectors (ethereum.org, "Test vectors").
const SECRET = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d';
const PBKDF2 = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
};

describe('V3 keystores', () => {
  it('opens the definition test vector with its password', async () => {
    const keystore = parseKeystore(JSON.stringify(PBKDF2), 'vector.json');
    await expect(openKeystore(keystore, 'testpassword', 'vector.json')).resolves.toBe(SECRET);
  });

  it('says a wrong password is wrong, as a usage error naming --keystore', async () => {
    const keystore = parseKeystore(JSON.stringify(PBKDF2), 'vector.json');
    const error = await openKeystore(keystore, 'wrong', 'vector.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('--keystore: wrong password for vector.json');
  });

  it('refuses what is not a V3 keystore before asking for a password', () => {
    for (const source of [
      'not json',
      JSON.stringify({ ...PBKDF2, version: 1 }),
      JSON.stringify({ ...PBKDF2, crypto: { ...PBKDF2.crypto, cipher: 'aes-128-cbc' } }),
      JSON.stringify({ ...PBKDF2, crypto: { ...PBKDF2.crypto, ciphertext: 'zz' } }),
    ])
      expect(() => parseKeystore(source, 'k.json')).toThrow('--keystore: k.json is not a V3 keystore');
  });

  it('opens scrypt keystores (geth and Foundry write those)', async () => {
    const [key, options] = Keystore.scrypt({ password: 'hunter2', n: 1024 });
    const source = JSON.stringify(Keystore.encrypt(SECRET, key, options));
    expect(JSON.parse(source)).toMatchObject({ crypto: { kdf: 'scrypt', kdfparams: { n: 1024 } } });
    await expect(openKeystore(parseKeystore(source, 's.json'), 'hunter2', 's.json')).resolves.toBe(SECRET);
    await expect(openKeystore(parseKeystore(source, 's.json'), 'hunter3', 's.json')).rejects.toThrow(
      '--keystore: wrong password for s.json',
    );
  });

  it('reads the capitalised "Crypto" of older geth files', async () => {
    const { crypto, ...rest } = PBKDF2;
    const keystore = parseKeystore(JSON.stringify({ ...rest, Crypto: crypto }), 'old.json');
    await expect(openKeystore(keystore, 'testpassword', 'old.json')).resolves.toBe(SECRET);
  });
});
