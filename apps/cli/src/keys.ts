import { readFile } from 'node:fs/promises';
import * as Keystore from 'ox/Keystore';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { z } from 'zod';
import { UsageError, privateKey as parsePrivateKey } from './args.js';

/** Where a write's key comes from: the options (or their environment variables) of a signing command. */
export interface KeyOptions {
  /** --private-key or GUILDHALL_PRIVATE_KEY. */
  readonly privateKey?: `0x${string}`;
  /** --keystore or GUILDHALL_KEYSTORE: an Ethereum V3 keystore file. */
  readonly keystore?: string;
}

/** Environment variables read here; commander reads the others through Option.env(). */
export interface KeyEnvironment {
  /** GUILDHALL_KEYSTORE_PASSWORD: the keystore password for scripts (a TTY is prompted instead). */
  readonly keystorePassword?: string;
}

const hex = (length?: number) =>
  z
    .string()
    .regex(length === undefined ? /^(0x)?[0-9a-fA-F]+$/ : new RegExp(`^(0x)?[0-9a-fA-F]{${length}}$`))
    .transform((value) => value.replace(/^0x/, ''));

/** Web3 Secret Storage v3 as geth, Foundry (`cast wallet`), MetaMask and ethers write it. */
const keystoreSchema = z.object({
  version: z.literal(3),
  crypto: z.object({
    cipher: z.literal('aes-128-ctr'),
    cipherparams: z.object({ iv: hex(32) }),
    ciphertext: hex(64),
    mac: hex(64),
    kdf: z.enum(['scrypt', 'pbkdf2']),
    kdfparams: z.union([
      z.object({
        dklen: z.literal(32),
        n: z.number().int().positive(),
        r: z.number().int().positive(),
        p: z.number().int().positive(),
        salt: hex(),
      }),
      z.object({
        dklen: z.literal(32),
        c: z.number().int().positive(),
        prf: z.literal('hmac-sha256'),
        salt: hex(),
      }),
    ]),
  }),
});

/**
 * The account that signs a write: `--private-key`/GUILDHALL_PRIVATE_KEY, else `--keystore`/
 * GUILDHALL_KEYSTORE decrypted with GUILDHALL_KEYSTORE_PASSWORD or a password typed at a TTY
 * prompt (no echo). A missing key, an unreadable or malformed keystore and a wrong password are
 * usage errors (exit code 2), reported before anything is signed.
 */
export async function loadAccount(options: KeyOptions, env: KeyEnvironment): Promise<PrivateKeyAccount> {
  if (options.privateKey !== undefined && options.keystore !== undefined)
    throw new UsageError('--private-key and --keystore are exclusive: give one key');
  if (options.privateKey !== undefined) return privateKeyToAccount(options.privateKey);
  if (options.keystore === undefined)
    throw new UsageError(
      'this command signs: give --private-key (or GUILDHALL_PRIVATE_KEY) or --keystore (or GUILDHALL_KEYSTORE)',
    );
  return privateKeyToAccount(await decryptKeystore(options.keystore, env.keystorePassword));
}

export async function decryptKeystore(file: string, password: string | undefined): Promise<`0x${string}`> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--keystore: cannot read ${file}: ${(error as Error).message}`);
  }
  // Parsed before the prompt: a file that is no keystore fails without asking for a password.
  const keystore = parseKeystore(source, file);
  return openKeystore(keystore, password ?? (await promptPassword(`Password for ${file}: `)), file);
}

export function parseKeystore(source: string, file: string): Keystore.Keystore {
  try {
    // geth wrote "Crypto" in older files.
    const raw = JSON.parse(source) as Record<string, unknown>;
    return keystoreSchema.parse({ ...raw, crypto: raw.crypto ?? raw.Crypto }) as unknown as Keystore.Keystore;
  } catch {
    throw new UsageError(
      `--keystore: ${file} is not a V3 keystore (aes-128-ctr with scrypt or pbkdf2-hmac-sha256)`,
    );
  }
}

/** The private key in a keystore; a wrong password (a MAC mismatch) is a UsageError. */
export async function openKeystore(
  keystore: Keystore.Keystore,
  password: string,
  file: string,
): Promise<`0x${string}`> {
  const key = await Keystore.toKeyAsync(keystore, { password });
  let decrypted: `0x${string}`;
  try {
    decrypted = Keystore.decrypt(keystore, key);
  } catch {
    throw new UsageError(`--keystore: wrong password for ${file}`);
  }
  return parsePrivateKey(decrypted);
}

/** Reads a password from the terminal without echoing it; refuses when stdin is not a TTY. */
async function promptPassword(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY)
    throw new UsageError(
      '--keystore: stdin is not a terminal to ask for the password: set GUILDHALL_KEYSTORE_PASSWORD',
    );
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n' || char === '\u0004') {
            stdin.off('data', onData);
            stderr.write('\n');
            resolve(typed);
            return;
          }
          if (char === '\u0003') {
            stdin.off('data', onData);
            stderr.write('\n');
            reject(new UsageError('--keystore: password prompt interrupted'));
            return;
          }
          typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}
