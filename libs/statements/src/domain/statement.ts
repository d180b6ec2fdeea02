import { createHash } from 'node:crypto';
import type { StatementLine, StatementLineKind } from '../lines/statement-source.js';
import { usdValue } from './usd.js';

/** A token as its contract describes itself. */
export interface StatementToken {
  readonly address: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** A price the DAO recorded: USD per whole token, exact, as of a date. */
export interface TokenPrice {
  readonly token: string;
  readonly usdPerToken: string;
  readonly asOf: Date;
}

/** A line as the statement shows it: the source's line, its token's symbol, its USD value if priced. */
export interface StatementEntry {
  readonly kind: StatementLineKind;
  readonly id: string;
  readonly at: Date;
  /** The token's address, or the credit type's code. */
  readonly asset: string;
  readonly assetType: 'TOKEN' | 'CREDIT';
  /** The token's symbol or the credit type's unit. */
  readonly symbol: string;
  /** Decimals shown: the token's, or the credit type's scale. */
  readonly decimals: number;
  readonly amount: bigint;
  readonly status: string | null;
  readonly counts: StatementLine['counts'];
  readonly description: string;
  readonly detail: string | null;
  readonly txHash: string | null;
  readonly block: bigint | null;
  /** The price used (the latest at or before the line's date), or null: no price, no USD value. */
  readonly usdPrice: string | null;
  readonly usdPriceAsOf: Date | null;
  readonly usdValue: string | null;
}

export interface TokenTotal {
  readonly token: string;
  readonly symbol: string;
  readonly decimals: number;
  /** Awarded in the period: allocations of rounds, bounties, revenue shares. */
  readonly allocated: bigint;
  /** Payments owed to the contributor in the period and paid. */
  readonly paid: bigint;
  /** Payments owed in the period and not paid yet (pending or in flight). */
  readonly pending: bigint;
}

export interface CreditTotal {
  readonly code: string;
  readonly unit: string;
  readonly scale: number;
  readonly granted: bigint;
  /** Spent, a positive amount. */
  readonly spent: bigint;
  /** Expired, a positive amount. */
  readonly expired: bigint;
  /** granted − spent − expired. */
  readonly net: bigint;
}

export interface StatementBody {
  readonly dao: { readonly slug: string; readonly name: string };
  readonly contributor: string;
  readonly from: Date;
  readonly to: Date;
  readonly lines: readonly StatementEntry[];
  readonly tokenTotals: readonly TokenTotal[];
  readonly creditTotals: readonly CreditTotal[];
  /** Tokens with lines for which the DAO recorded no price at or before some line's date. */
  readonly unpricedTokens: readonly string[];
}

export interface Statement extends StatementBody {
  /** SHA-256 (hex) of the body's canonical JSON (`canonicalJson`). */
  readonly documentHash: string;
}

const byLine = (a: StatementLine, b: StatementLine): number =>
  a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);

/** The latest price of `token` at or before `at`, from prices sorted by date. */
const priceAt = (prices: readonly TokenPrice[], token: string, at: Date): TokenPrice | null => {
  let found: TokenPrice | null = null;
  for (const price of prices)
    if (price.token === token && price.asOf.getTime() <= at.getTime()) found = price;
  return found;
};

/**
 * The statement from every source's lines: lines in date order, each token line valued in USD only
 * with a price the DAO recorded at or before its date; totals per token and per credit type.
 */
export function buildStatement(
  header: Pick<StatementBody, 'dao' | 'contributor' | 'from' | 'to'>,
  lines: readonly StatementLine[],
  tokens: ReadonlyMap<string, StatementToken>,
  prices: readonly TokenPrice[],
): Statement {
  const sortedPrices = [...prices].sort((a, b) => a.asOf.getTime() - b.asOf.getTime());
  const unpriced = new Set<string>();
  const entries = [...lines].sort(byLine).map((line): StatementEntry => {
    const base = {
      kind: line.kind,
      id: line.id,
      at: line.at,
      amount: line.amount,
      status: line.status,
      counts: line.counts,
      description: line.description,
      detail: line.detail,
      txHash: line.txHash,
      block: line.block,
    };
    if (line.asset.type === 'CREDIT')
      return {
        ...base,
        asset: line.asset.code,
        assetType: 'CREDIT',
        symbol: line.asset.unit,
        decimals: line.asset.scale,
        usdPrice: null,
        usdPriceAsOf: null,
        usdValue: null,
      };
    const token = tokens.get(line.asset.token)!;
    const price = priceAt(sortedPrices, line.asset.token, line.at);
    if (price === null) unpriced.add(line.asset.token);
    return {
      ...base,
      asset: line.asset.token,
      assetType: 'TOKEN',
      symbol: token.symbol,
      decimals: token.decimals,
      usdPrice: price?.usdPerToken ?? null,
      usdPriceAsOf: price?.asOf ?? null,
      usdValue: price === null ? null : usdValue(line.amount, token.decimals, price.usdPerToken),
    };
  });
  const body: StatementBody = {
    ...header,
    lines: entries,
    tokenTotals: tokenTotals(entries),
    creditTotals: creditTotals(entries),
    unpricedTokens: [...unpriced].sort(),
  };
  return { ...body, documentHash: documentHash(body) };
}

function tokenTotals(entries: readonly StatementEntry[]): TokenTotal[] {
  const totals = new Map<string, { -readonly [K in keyof TokenTotal]: TokenTotal[K] }>();
  for (const entry of entries) {
    if (entry.assetType !== 'TOKEN') continue;
    const total = totals.get(entry.asset) ?? {
      token: entry.asset,
      symbol: entry.symbol,
      decimals: entry.decimals,
      allocated: 0n,
      paid: 0n,
      pending: 0n,
    };
    totals.set(entry.asset, total);
    if (entry.counts === 'ALLOCATED' || entry.counts === 'ALLOCATED_OWED') total.allocated += entry.amount;
    if (entry.counts === 'OWED' || entry.counts === 'ALLOCATED_OWED') {
      if (entry.status === 'PAID') total.paid += entry.amount;
      else if (entry.status === 'PENDING' || entry.status === 'IN_FLIGHT') total.pending += entry.amount;
    }
  }
  return [...totals.values()].sort((a, b) => a.token.localeCompare(b.token));
}

function creditTotals(entries: readonly StatementEntry[]): CreditTotal[] {
  const totals = new Map<string, { -readonly [K in keyof CreditTotal]: CreditTotal[K] }>();
  for (const entry of entries) {
    if (entry.assetType !== 'CREDIT') continue;
    const total = totals.get(entry.asset) ?? {
      code: entry.asset,
      unit: entry.symbol,
      scale: entry.decimals,
      granted: 0n,
      spent: 0n,
      expired: 0n,
      net: 0n,
    };
    totals.set(entry.asset, total);
    if (entry.kind === 'CREDIT_GRANT') total.granted += entry.amount;
    if (entry.kind === 'CREDIT_SPEND') total.spent += entry.amount;
    if (entry.kind === 'CREDIT_EXPIRY') total.expired += entry.amount;
    total.net = total.granted - total.spent - total.expired;
  }
  return [...totals.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * JSON with object keys sorted at every level, no whitespace, every bigint a decimal string and
 * every date an ISO 8601 string: the same statement always gives the same text.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the statement body's canonical JSON: what the PDF, the CSV and the JSON print. */
export const documentHash = (body: StatementBody): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

/** The statement's body, without its hash: what the hash is computed over. */
export const statementBody = ({ documentHash: _hash, ...body }: Statement): StatementBody => body;
