import { guildhallDomain } from '@guildhall/core';
import { createPublicClient, custom, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { defineGuildhallChain } from '../clients/chain-definition.js';
import { ChainErrorCode } from '../errors/chain.error.js';
import { SignatureVerifier } from './signature-verifier.js';

const signer = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const other = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');

const typedData = {
  domain: guildhallDomain(31337),
  types: {
    Vote: [
      { name: 'proposal', type: 'uint256' },
      { name: 'choice', type: 'uint8' },
    ],
  },
  primaryType: 'Vote',
  message: { proposal: 7n, choice: 1 },
} as const;

/** A verifier whose chain is an in-memory RPC: it records each method asked and answers `answer`. */
function verifierWithRpc(answer: (method: string) => unknown) {
  const calls: string[] = [];
  const client = createPublicClient({
    chain: defineGuildhallChain({ chainId: 31337, rpcUrl: 'http://unused' }),
    transport: custom(
      {
        request: ({ method }: { method: string }) => {
          calls.push(method);
          return Promise.resolve(answer(method));
        },
      },
      { retryCount: 0 },
    ),
  });
  return { verifier: new SignatureVerifier({ getPublicClient: () => client }), calls };
}

const verify = (
  verifier: SignatureVerifier,
  address: Address,
  signature: Hex,
  message: { proposal: bigint; choice: number } = typedData.message,
) => verifier.verifyTypedData({ chainId: 31337, address, typedData: { ...typedData, message }, signature });

describe('SignatureVerifier with an EOA', () => {
  it('accepts a valid signature without asking the chain', async () => {
    const { verifier, calls } = verifierWithRpc(() => '0x');
    const signature = await signer.signTypedData(typedData);

    await expect(verify(verifier, signer.address, signature)).resolves.toBe(true);
    expect(calls).toEqual([]);
  });

  it('rejects a signature over a tampered message once the chain says the signer is not a contract', async () => {
    const { verifier, calls } = verifierWithRpc(() => '0x');
    const signature = await signer.signTypedData(typedData);

    await expect(verify(verifier, signer.address, signature, { proposal: 7n, choice: 2 })).resolves.toBe(
      false,
    );
    expect(calls).toEqual(['eth_getCode']);
  });

  it('rejects a signature made by another key', async () => {
    const { verifier } = verifierWithRpc(() => '0x');
    const signature = await other.signTypedData(typedData);

    await expect(verify(verifier, signer.address, signature)).resolves.toBe(false);
  });

  it('reports a failed RPC as a retryable error, never as an invalid signature', async () => {
    const { verifier } = verifierWithRpc(() => {
      throw new Error('connection reset');
    });
    const signature = await other.signTypedData(typedData);

    await expect(verify(verifier, signer.address, signature)).rejects.toMatchObject({
      code: ChainErrorCode.SIGNATURE_CHECK_UNAVAILABLE,
      category: 'RETRYABLE',
    });
  });

  it('refuses typed data signed for another chain', async () => {
    const { verifier } = verifierWithRpc(() => '0x');
    const signature = await signer.signTypedData({ ...typedData, domain: guildhallDomain(1) });

    await expect(
      verifier.verifyTypedData({
        chainId: 31337,
        address: signer.address,
        typedData: { ...typedData, domain: guildhallDomain(1) },
        signature,
      }),
    ).rejects.toMatchObject({ code: ChainErrorCode.CHAIN_ID_MISMATCH });
  });
});
