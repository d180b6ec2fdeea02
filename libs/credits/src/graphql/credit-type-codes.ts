import type { CreditsService } from '../domain/credits.service.js';

/** The DAO's credit type codes by id: the objects name a credit type by its code. */
export const creditTypeCodes = async (credits: CreditsService, daoId: string): Promise<Map<string, string>> =>
  new Map((await credits.creditTypes(daoId)).map((type) => [type.id, type.code]));
