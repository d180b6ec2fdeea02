import type { MigrationInterface } from 'typeorm';
import { CreateDaoAndSignedMessage1795545724568 } from './1795545724568-create-dao-and-signed-message.js';
import { GovernanceProposalsAndVotes1795550000000 } from './1795550000000-governance-proposals-and-votes.js';
import { Contributions1795990987464 } from './1795990987464-contributions.js';
import { RewardRounds1795992285676 } from './1795992285676-reward-rounds.js';
import { RevenueShare1795993806610 } from './1795993806610-revenue-share.js';
import { MillisecondCreatedAt1795994530324 } from './1795994530324-millisecond-created-at.js';
import { Treasury1796002051830 } from './1796002051830-treasury.js';
import { AttestationRoundIndex1796010246207 } from './1796010246207-attestation-round-index.js';
import { TokenDelegates1796027789645 } from './1796027789645-token-delegates.js';
import { RateLimitsAndApiKeys1796651648988 } from './1796651648988-rate-limits-and-api-keys.js';
import { PayableObligations1796700000000 } from './1796700000000-payable-obligations.js';
import { RevenueSharePayables1796800000000 } from './1796800000000-revenue-share-payables.js';
import { CreditsLedger1796900000000 } from './1796900000000-credits-ledger.js';
import { Bounties1797000000000 } from './1797000000000-bounties.js';
import { TokenPrices1797100000000 } from './1797100000000-token-prices.js';
import { CreditSpendingKeys1797200000000 } from './1797200000000-credit-spending-keys.js';

type MigrationClass = new () => MigrationInterface;

/** Every migration, oldest first. A new migration file is added at the end of this list. */
export const migrations: MigrationClass[] = [
  CreateDaoAndSignedMessage1795545724568,
  GovernanceProposalsAndVotes1795550000000,
  Contributions1795990987464,
  RewardRounds1795992285676,
  RevenueShare1795993806610,
  MillisecondCreatedAt1795994530324,
  Treasury1796002051830,
  AttestationRoundIndex1796010246207,
  TokenDelegates1796027789645,
  RateLimitsAndApiKeys1796651648988,
  PayableObligations1796700000000,
  RevenueSharePayables1796800000000,
  CreditsLedger1796900000000,
  Bounties1797000000000,
  TokenPrices1797100000000,
  CreditSpendingKeys1797200000000,
];
