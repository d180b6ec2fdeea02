import type { Address } from '@guildhall/core';
import type { VotingConfig } from './voting-rules.js';

export interface Dao extends VotingConfig {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly chainId: number;
  readonly governanceToken: Address;
  readonly safeAddress: Address;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewDao {
  readonly slug: string;
  readonly name: string;
  readonly chainId: number;
  readonly governanceToken: Address;
  readonly safeAddress: Address;
}

export const DAO_UPDATED_TOPIC = 'dao.updated';

/** Published after a DAO is created or changed. */
export interface DaoUpdatedEvent {
  readonly slug: string;
}
