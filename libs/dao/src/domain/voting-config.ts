import { assertName, DAO_SLUG_PATTERN, VOTE_TYPES } from '@guildhall/core';
import { DaoError, DaoErrorCode } from './dao.error.js';
import { type VotingConfig } from './voting-rules.js';

const DAY = 24 * 60 * 60;

const invalid = (message: string, field: string): DaoError =>
  new DaoError(DaoErrorCode.INVALID_VOTING_CONFIG, message, { field });

/** The `VotingConfig` struct of the typed data (its uint64 fields are bigints there). */
export const votingConfigMessage = (config: VotingConfig) => ({
  ...config,
  votingDelay: BigInt(config.votingDelay),
  votingPeriod: BigInt(config.votingPeriod),
  voteTypes: [...config.voteTypes],
});

/** Checks a DAO's voting rules; every problem is a typed error naming the field. */
export function validateVotingConfig(config: VotingConfig): VotingConfig {
  if (!Number.isInteger(config.votingDelay) || config.votingDelay < 0 || config.votingDelay > 30 * DAY) {
    throw invalid('votingDelay: 0 to 30 days, in seconds', 'votingDelay');
  }
  if (!Number.isInteger(config.votingPeriod) || config.votingPeriod < 5 || config.votingPeriod > 365 * DAY) {
    throw invalid('votingPeriod: 5 seconds to 365 days, in seconds', 'votingPeriod');
  }
  if (config.proposalThreshold < 0n) throw invalid('proposalThreshold: not negative', 'proposalThreshold');
  if (config.quorum < 0n || (config.quorumKind === 'SUPPLY_BPS' && config.quorum > 10_000n)) {
    throw invalid(
      'quorum: voting power (ABSOLUTE) or 0 to 10000 basis points of the supply (SUPPLY_BPS)',
      'quorum',
    );
  }
  if (
    !Number.isInteger(config.supermajorityBps) ||
    config.supermajorityBps < 0 ||
    config.supermajorityBps > 10_000
  ) {
    throw invalid('supermajorityBps: 0 to 10000', 'supermajorityBps');
  }
  if (config.voteTypes.length === 0 || new Set(config.voteTypes).size !== config.voteTypes.length) {
    throw invalid('voteTypes: at least one, each once', 'voteTypes');
  }
  const unknown = config.voteTypes.find((type) => !VOTE_TYPES.includes(type));
  if (unknown !== undefined) throw invalid(`voteTypes: unknown vote type "${unknown}"`, 'voteTypes');
  return config;
}

export function validateDaoIdentity(slug: string, name: string): void {
  if (!DAO_SLUG_PATTERN.test(slug)) {
    throw new DaoError(
      DaoErrorCode.INVALID_VOTING_CONFIG,
      'dao: 3 to 40 characters, a-z, 0-9 and inner dashes',
      { field: 'dao' },
    );
  }
  if (name.trim().length === 0 || name.length > 100) {
    throw new DaoError(DaoErrorCode.INVALID_VOTING_CONFIG, 'name: 1 to 100 characters', {
      field: 'name',
    });
  }
  assertName(name, 'name');
}
