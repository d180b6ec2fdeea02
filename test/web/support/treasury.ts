import { privateKeyToAccount } from 'viem/accounts';
import {
  CreateDaoDocument,
  GuildhallSigner,
  ProposeRoundPayoutsDocument,
  SetReviewersDocument,
  UpsertContributorProfileDocument,
  type GuildhallClient,
} from '@guildhall/sdk';
import { deployDevStack } from '../../../libs/chain/src/devnet/deploy-dev-stack.js';
import { DEV_ACCOUNTS } from '../../../libs/chain/src/devnet/dev-accounts.js';
import { finalizedRound } from '../../support/rounds.js';

const CHAIN_ID = 31337;

/** A signer of the devnet's dev account `index` (0: the admin; 1–3: the DAO Safe's owners). */
export const signer = (index: number): GuildhallSigner =>
  new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[index].privateKey), CHAIN_ID);

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
  const admin = signer(0);
  const { payoutToken, daoSafe, governanceToken } = await deployDevStack(rpcUrl);
  await api.request(
    CreateDaoDocument,
    await admin.createDao({
      dao,
      name: `DAO ${dao}`,
      governanceToken,
      safe: daoSafe,
      rules: {
        votingDelay: 0,
        votingPeriod: 3600,
        proposalThreshold: 1n,
        quorumKind: 'ABSOLUTE',
        quorum: 1n,
        supermajorityBps: 0,
        voteTypes: ['basic'],
        allowVoteChange: true,
      },
    }),
  );
  const contributors = [
    { signer: signer(4), kind: 'FINE_TUNING', handle: 'ada' },
    { signer: signer(5), kind: 'SAFETY_EVALUATION', handle: 'grace' },
  ] as const;
  const reviewers = [signer(6), signer(7)];
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
