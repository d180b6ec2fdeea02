import type { Address, Page, PageRequest } from '@guildhall/core';
import type { EntityManager } from 'typeorm';
import type { Dao, NewDao } from './dao.js';
import type { VotingConfig } from './voting-rules.js';

export const DAO_REPOSITORY = Symbol('DaoRepository');

export interface DaoRepository {
  findBySlug(slug: string, manager?: EntityManager): Promise<Dao | null>;
  findById(id: string, manager?: EntityManager): Promise<Dao | null>;
  /** The slugs of the DAOs among `ids`, by id. */
  slugs(ids: readonly string[], manager?: EntityManager): Promise<Map<string, string>>;
  /** The DAOs on `chainId` whose Safe is `safe`, oldest first. */
  ofSafe(chainId: number, safe: Address): Promise<Dao[]>;
  /** The Safes of the DAOs on `chainId`, each once. */
  safes(chainId: number): Promise<Address[]>;
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
