import type { Page, PageRequest } from '@guildhall/core';
import type { Dao, NewDao } from './dao.js';

export const DAO_REPOSITORY = Symbol('DaoRepository');

export interface DaoRepository {
  findBySlug(slug: string): Promise<Dao | null>;
  /** Oldest first. */
  list(page: PageRequest): Promise<Page<Dao>>;
  /** Creates the DAO, or returns the existing one when a DAO with the same slug and binding exists. */
  createIfAbsent(dao: NewDao): Promise<{ dao: Dao; created: boolean }>;
}
