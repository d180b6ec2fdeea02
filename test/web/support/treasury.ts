import {
  CreateDaoDocument,
  ProposeRoundPayoutsDocument,
  SetReviewersDocument,
  UpsertContributorProfileDocument,
  type GuildhallClient,
} from '@guildhall/sdk';
import { deployDevStack } from '../../../libs/chain/src/devnet/deploy-dev-stack.js';
import { devSigner, permissiveRules } from '../../support/actors.js';
import { finalizedRound } from '../../support/rounds.js';

/**
 * A DAO on the devnet's 2-of-3 Safe (owners: dev accounts 1–3) with a reward round taken to
 * FINALIZED and its payouts proposed as Safe transactions: two contributors with profiles (dev
 * accounts 4 and 5, "ada" and "grace"), two reviewers (6 and 7), paid in the devnet's payout token.
 * Returns the round, its non-zero allocations and its payout transactions, lowest nonce first.
 */
export async function roundWithProposedPayouts(
  api: GuildhallClient,
  rpcUrl: string,
  { dao, name = 'Spring', budget = 1_000_000_000n }: { dao: string; name?: string; budget?: bigint },
) {
  const admin = devSigner(0);
  const { payoutToken, daoSafe, governanceToken } = await deployDevStack(rpcUrl);
  await api.request(
    CreateDaoDocument,
    await admin.createDao({
      dao,
      name: `DAO ${dao}`,
      governanceToken,
      safe: daoSafe,
      rules: permissiveRules,
    }),
  );
  const contributors = [
    { signer: devSigner(4), kind: 'FINE_TUNING', handle: 'ada' },
    { signer: devSigner(5), kind: 'SAFETY_EVALUATION', handle: 'grace' },
  ] as const;
  const reviewers = [devSigner(6), devSigner(7)];
  await api.request(
    SetReviewersDocument,
    await admin.setReviewers({ dao, reviewers: reviewers.map((reviewer) => reviewer.address) }),
  );
  for (const contributor of contributors)
    await api.request(
      UpsertContributorProfileDocument,
      await contributor.signer.upsertContributorProfile({ dao, handle: contributor.handle }),
    );
  const { round, allocations } = await finalizedRound(api, {
    dao,
    admin,
    token: payoutToken,
    budget,
    contributors,
    reviewers,
    name,
  });
  const { proposeRoundPayouts } = await api.request(ProposeRoundPayoutsDocument, { round: round.id });
  const payouts = [...proposeRoundPayouts].sort((a, b) => Number(BigInt(a.nonce) - BigInt(b.nonce)));
  return { round, allocations, payouts, payoutToken, handles: contributors };
}
