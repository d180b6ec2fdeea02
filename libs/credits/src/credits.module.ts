import { Module } from '@nestjs/common';
import { DaoModule } from '@guildhall/dao';
import { CreditLedger } from './datasources/credit-ledger.js';
import { CreditWrites } from './domain/credit-writes.service.js';
import { CreditsHandler } from './domain/credits.handler.js';
import { CreditsService } from './domain/credits.service.js';
import { CreditsStatementLines } from './domain/credits.statement-lines.js';
import { CreditsResolver } from './graphql/credits.resolver.js';

/** Resolvers of this lib, for the schema generator. */
export const creditsResolvers = [CreditsResolver];

/**
 * The credits ledger (docs/credits.md): credit types, grants, spends, holds and their expiry, kept
 * balanced and append-only by PostgreSQL itself.
 */
@Module({
  imports: [DaoModule],
  providers: [
    CreditLedger,
    CreditsService,
    CreditWrites,
    CreditsHandler,
    CreditsStatementLines,
    ...creditsResolvers,
  ],
  exports: [CreditsService],
})
export class CreditsModule {}
