import { deployDevStack, type DevStack } from '../devnet/deploy-dev-stack.js';
import { Devnet } from '../devnet/devnet.js';

export interface TestChain {
  readonly devnet: Devnet;
  /** The deployed dev stack: Safe 1.4.1, Multicall3, tokens, the DAO's 2-of-3 Safe, dev accounts. */
  readonly stack: DevStack;
  readonly rpcUrl: string;
  readonly chainId: number;
  close(): Promise<void>;
}

/**
 * A devnet on a free port with the dev stack deployed, for integration suites (one per suite, in
 * `beforeAll`; close it in `afterAll`).
 */
export async function startTestChain(): Promise<TestChain> {
  const devnet = await Devnet.start();
  try {
    const stack = await deployDevStack(devnet.url);
    return { devnet, stack, rpcUrl: devnet.url, chainId: devnet.chainId, close: () => devnet.close() };
  } catch (error) {
    await devnet.close();
    throw error;
  }
}
