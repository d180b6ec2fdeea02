import type { Dao, DaoService } from '@guildhall/dao';
import { getAddress, type LocalAccount } from 'viem';
import { devAccount, permissiveRules } from './actors.js';
import { signedDaoInput } from './signed-input.js';
import { StubChain } from './stub-chain.js';

/** What a service test's DAO stands on: addresses of no contract, known to the stub chain. */
export const stubStack = {
  governanceToken: getAddress(`0x${'61'.repeat(20)}`),
  payoutToken: getAddress(`0x${'70'.repeat(20)}`),
  safe: getAddress(`0x${'5a'.repeat(20)}`),
  safeOwners: [1, 2, 3].map((index) => devAccount(index).address),
} as const;

/** A stub chain with `stubStack`: an 18-decimal governance token, a 6-decimal payout token, a 2-of-3 Safe. */
export const stubChainWithStack = (): StubChain =>
  new StubChain()
    .addToken(stubStack.governanceToken, { symbol: 'GUILD', decimals: 18, votes: true })
    .addToken(stubStack.payoutToken, { symbol: 'USDG', decimals: 6 })
    .addSafe(stubStack.safe, stubStack.safeOwners, 2);

/** A DAO on `stubStack` created through `createDao`, signed by `admin` (its first admin). */
export async function createStubDao(daos: DaoService, admin: LocalAccount, slug: string): Promise<Dao> {
  return daos.create(
    await signedDaoInput(admin, 'CreateDao', {
      dao: slug,
      name: slug,
      governanceToken: stubStack.governanceToken,
      safe: stubStack.safe,
      config: permissiveRules,
    }),
  );
}
