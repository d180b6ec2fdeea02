import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { concatSafeSignatures, guildhallDomain, safeMessageTypedData } from '@guildhall/core';
import { privateKeyToAccount } from 'viem/accounts';
import { ChainClientManager } from '../clients/chain-client-manager.js';
import { ChainErrorCode } from '../errors/chain.error.js';
import { startTestChain, type TestChain } from '../testing/index.js';
import { SignatureVerifier } from './signature-verifier.js';

describe('SignatureVerifier on the devnet', () => {
  let chain: TestChain;
  let verifier: SignatureVerifier;

  const typedData = {
    domain: guildhallDomain(31337),
    types: {
      Vote: [
        { name: 'dao', type: 'string' },
        { name: 'proposal', type: 'uint256' },
        { name: 'choice', type: 'uint8' },
      ],
    },
    primaryType: 'Vote',
    message: { dao: 'demo', proposal: 1n, choice: 1 },
  } as const;

  /** The signature of `owners` (dev account indexes) for the DAO Safe over the typed data. */
  const safeSignature = (owners: number[]) =>
    Promise.all(
      owners.map(async (index) => {
        const owner = privateKeyToAccount(chain.stack.accounts[index].privateKey);
        const signature = await owner.signTypedData(
          safeMessageTypedData({ chainId: chain.chainId, safe: chain.stack.daoSafe, typedData }),
        );
        return { signer: owner.address, signature };
      }),
    ).then(concatSafeSignatures);

  beforeAll(async () => {
    chain = await startTestChain();
    verifier = new SignatureVerifier(new ChainClientManager({ [chain.chainId]: chain.rpcUrl }));
  }, 30_000);
  afterAll(() => chain.close());

  it('accepts the 2-of-3 DAO Safe signing through ERC-1271 with two owner signatures', async () => {
    const signature = await safeSignature([3, 1]);

    await expect(
      verifier.verifyTypedData({
        chainId: chain.chainId,
        address: chain.stack.daoSafe,
        typedData,
        signature,
      }),
    ).resolves.toBe(true);
  });

  it('rejects the Safe signature with only one of the two owner signatures', async () => {
    const signature = await safeSignature([2]);

    await expect(
      verifier.verifyTypedData({
        chainId: chain.chainId,
        address: chain.stack.daoSafe,
        typedData,
        signature,
      }),
    ).resolves.toBe(false);
  });

  it('rejects the Safe signature when one of the two signers is not an owner', async () => {
    const signature = await safeSignature([1, 5]);

    await expect(
      verifier.verifyTypedData({
        chainId: chain.chainId,
        address: chain.stack.daoSafe,
        typedData,
        signature,
      }),
    ).resolves.toBe(false);
  });

  it('reports an unreachable RPC during ERC-1271 verification as a retryable error', async () => {
    const dead = new SignatureVerifier(
      new ChainClientManager({ [chain.chainId]: 'http://127.0.0.1:1' }, { retryCount: 0 }),
    );
    const signature = await safeSignature([1, 2]);

    await expect(
      dead.verifyTypedData({ chainId: chain.chainId, address: chain.stack.daoSafe, typedData, signature }),
    ).rejects.toMatchObject({ code: ChainErrorCode.SIGNATURE_CHECK_UNAVAILABLE, category: 'RETRYABLE' });
  });

  it('reports an RPC that fails after finding the contract as a retryable error, not an invalid signature', async () => {
    // The devnet behind a proxy that answers everything but eth_call (the ERC-1271 check) with a 502.
    const proxy = createServer((request, response) => {
      void (async () => {
        let body = '';
        for await (const chunk of request) body += String(chunk);
        const methods = [JSON.parse(body) as { method: string } | Array<{ method: string }>].flat();
        if (methods.some(({ method }) => method === 'eth_call')) {
          response.writeHead(502).end();
          return;
        }
        const upstream = await fetch(chain.rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        response
          .writeHead(upstream.status, { 'content-type': 'application/json' })
          .end(await upstream.text());
      })();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const flaky = new SignatureVerifier(
        new ChainClientManager({ [chain.chainId]: `http://127.0.0.1:${port}` }, { retryCount: 0 }),
      );
      const params = { chainId: chain.chainId, address: chain.stack.daoSafe, typedData };

      await expect(
        flaky.verifyTypedData({ ...params, signature: await safeSignature([1, 2]) }),
      ).rejects.toMatchObject({
        code: ChainErrorCode.SIGNATURE_CHECK_UNAVAILABLE,
      });
      // Through the working RPC, the same check answers: valid with two owners, invalid with one.
      await expect(
        verifier.verifyTypedData({ ...params, signature: await safeSignature([1, 2]) }),
      ).resolves.toBe(true);
      await expect(
        verifier.verifyTypedData({ ...params, signature: await safeSignature([1]) }),
      ).resolves.toBe(false);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
