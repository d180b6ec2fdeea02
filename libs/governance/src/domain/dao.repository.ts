import type { Address, Page, PageRequest } from '@guildhall/core';
import type { EntityManager } from 'typeorm';
import type { Dao, NewDao } from './dao.js';
import type { VotingConfig } from './voting.js';

export const DAO_REPOSITORY = Symbol('DaoRepository');

export interface DaoRepository {
  findBySlug(slug: string, manager?: EntityManager): Promise<Dao | null>;
  /** Oldest first. */
  list(page: PageRequest): Promise<Page<Dao>>;
  /** Creates the DAO (default voting rules) unless one with that slug exists; for seeding. */
  createIfAbsent(dao: NewDao): Promise<{ dao: Dao; created: boolean }>;
  /** Creates a DAO with its first admin; null when the slug is taken. */
  create(manager: EntityManager, dao: NewDao & VotingConfig, admin: Address): Promise<Dao | null>;
  updateSettings(manager: EntityManager, daoId: string, name: string, config: VotingConfig): Promise<void>;
  admins(daoId: string, manager?: EntityManager): Promise<Address[]>;
  setAdmins(manager: EntityManager, daoId: string, admins: readonly Address[]): Promise<void>;
}
