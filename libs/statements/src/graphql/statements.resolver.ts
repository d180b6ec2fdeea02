import { createHash } from 'node:crypto';
import { Args, GraphQLISODateTime, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AddressScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { Public, SignedWrite } from '@guildhall/core/nest';
import { canonicalJson, statementBody, type Statement } from '../domain/statement.js';
import { statementsCsv } from '../domain/statement-csv.js';
import { StatementsService } from '../domain/statements.service.js';
import { TokenPrices } from '../domain/token-prices.service.js';
import {
  ContributorStatementObject,
  RecordTokenPriceInput,
  StatementsExportObject,
  TokenPriceObject,
} from './statement.objects.js';

const statementObject = (statement: Statement): ContributorStatementObject => ({
  ...statement,
  dao: statement.dao.slug,
  daoName: statement.dao.name,
  contributor: statement.contributor as Address,
  lines: statement.lines.map((line) => ({ ...line })),
  tokenTotals: statement.tokenTotals.map((total) => ({ ...total, token: total.token as Address })),
  creditTotals: statement.creditTotals.map((total) => ({ ...total, net: total.net.toString() })),
  unpricedTokens: statement.unpricedTokens as Address[],
  canonicalJson: canonicalJson(statementBody(statement)),
  csv: statementsCsv([statement]),
});

@Resolver()
export class StatementsResolver {
  constructor(
    private readonly statements: StatementsService,
    private readonly prices: TokenPrices,
  ) {}

  @Public()
  @Query(() => ContributorStatementObject, {
    description:
      'A contributor’s statement of the DAO for [from, to): allocations, tranches, bounty and revenue payouts, Safe transfers and credits, with totals per token and credit type, USD values only at prices the DAO recorded, and the document’s hash (docs/statements.md).',
  })
  async contributorStatement(
    @Args('dao') dao: string,
    @Args('contributor', { type: () => AddressScalar }) contributor: Address,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
  ): Promise<ContributorStatementObject> {
    return statementObject(await this.statements.statement(dao, contributor, from, to));
  }

  @Public()
  @Query(() => StatementsExportObject, {
    description:
      'Every contributor’s statement of the DAO for [from, to) as one CSV, for the DAO’s accountant (docs/statements.md).',
  })
  async statementsExport(
    @Args('dao') dao: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
  ): Promise<StatementsExportObject> {
    const statements = await this.statements.statements(dao, from, to);
    const csv = statementsCsv(statements);
    return { contributors: statements.length, csv, csvHash: createHash('sha256').update(csv).digest('hex') };
  }

  @SignedWrite()
  @Mutation(() => TokenPriceObject, {
    description:
      'Records a USD price per whole token as of a date (RecordTokenPrice, by an admin): what statements value lines at. The same price again is a no-op; another price for the same token and date is refused.',
  })
  async recordTokenPrice(
    @Args('input') input: RecordTokenPriceInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<TokenPriceObject> {
    const price = await this.prices.record({ ...input, signature });
    return { ...price, token: price.token as Address };
  }
}
