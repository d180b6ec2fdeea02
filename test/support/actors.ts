import { createHash } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import type { Hex } from 'viem';
// Deep import: the browser tests (Playwright, no decorators) load this file too.
import { DEV_ACCOUNTS } from '../../libs/chain/src/devnet/dev-accounts.js';
import { GuildhallSigner, type VotingRules } from '@guildhall/sdk';

/** A devnet account's key (on the devnet, each holds 1M governance tokens, self-delegated). */
export const devAccount = (index: number) => privateKeyToAccount(DEV_ACCOUNTS[index].privateKey);

/** The SDK signer of a funded devnet account. */
export const devSigner = (index: number) => new GuildhallSigner(devAccount(index), 31337);

/** The SHA-256 of a text, as evidence hashes are written. */
export const sha256 = (text: string): Hex => `0x${createHash('sha256').update(text).digest('hex')}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Voting rules that stay out of the way of tests about something else. */
export const permissiveRules: VotingRules = {
  votingDelay: 0,
  votingPeriod: 3600,
  proposalThreshold: 1n,
  quorumKind: 'ABSOLUTE',
  quorum: 1n,
  supermajorityBps: 0,
  voteTypes: ['basic'],
  allowVoteChange: true,
};
