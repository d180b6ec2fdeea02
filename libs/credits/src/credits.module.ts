import { Module } from '@nestjs/common';
import { DaoModule } from '@guildhall/dao';
import { CreditLedger } from './datasources/credit-ledger.js';
import { CreditWrites } from './domain/credit-writes.service.js';
import { CreditsHandler } from './domain/credits.handler.js';
import { CreditsService } from './domain/credits.service.js';
import { CreditsStatementLines } from './domain/credits.statement-lines.js';
import { KeySpending } from './domain/key-spending.service.js';
import { SpendingKeys } from './domain/spending-keys.service.js';
import { CreditSpendingResolver } from './graphql/credit-spending.resolver.js';
import { CreditsResolver } from './graphql/credits.resolver.js';
import { MeteringController } from './http/metering.controller.js';

/** Resolvers of this lib, for the schema generator. */
export const creditsResolvers = [CreditsResolver, CreditSpendingResolver];

/** HTTP routes of this lib that the API serves (not the worker): the metering endpoint. */
export const creditsControllers = [MeteringController];

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
    SpendingKeys,
    KeySpending,
    ...creditsResolvers,
  ],
  exports: [CreditsService, CreditWrites, KeySpending, SpendingKeys],
})
export class CreditsModule {}
