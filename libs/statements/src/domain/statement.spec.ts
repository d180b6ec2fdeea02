import { createHash } from 'node:crypto';
import type { StatementLine } from '../lines/statement-source.js';
import { buildStatement, canonicalJson, statementBody } from './statement.js';
import { statementsCsv, STATEMENT_CSV_COLUMNS } from './statement-csv.js';
import { normalizePrice, usdValue } from './usd.js';

const token = '0x7070707070707070707070707070707070707070';
const contributor = '0x1111111111111111111111111111111111111111';
const header = {
  dao: { slug: 'guild', name: 'The Guild' },
  contributor,
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-02-01T00:00:00Z'),
};
const tokens = new Map([[token, { address: token, symbol: 'USDG', decimals: 6 }]]);

const line = (changes: Partial<StatementLine>): StatementLine => ({
  kind: 'VESTING_TRANCHE',
  id: 't1',
  at: new Date('2026-01-10T00:00:00Z'),
  asset: { type: 'TOKEN', token },
  amount: 1_234_500_000n,
  status: 'PAID',
  counts: 'OWED',
  description: 'Round 1, pool CODE, tranche 0',
  detail: null,
  txHash: `0x${'ab'.repeat(32)}`,
  block: 42n,
  ...changes,
});

const lines = [
  line({}),
  line({
    kind: 'BOUNTY_PAYOUT',
    id: 'b1',
    at: new Date('2026-01-05T00:00:00Z'),
    amount: 7_000_000n,
    status: 'PENDING',
    counts: 'ALLOCATED_OWED',
    description: 'Bounty "Fix, then ship"',
    txHash: null,
    block: null,
  }),
];
const prices = [{ token, usdPerToken: '0.5', asOf: new Date('2026-01-08T00:00:00Z') }];

describe('canonicalJson and the document hash', () => {
  it('sorts keys at every level and writes bigints and dates as strings', () => {
    expect(canonicalJson({ b: 1n, a: { d: new Date(0), c: [2n, null] } })).toBe(
      '{"a":{"c":["2",null],"d":"1970-01-01T00:00:00.000Z"},"b":"1"}',
    );
  });

  it('is the SHA-256 of the body’s canonical JSON, whatever order the sources gave the lines in', () => {
    const statement = buildStatement(header, lines, tokens, prices);
    const expected = createHash('sha256')
      .update(canonicalJson(statementBody(statement)))
      .digest('hex');
    expect(statement.documentHash).toBe(expected);
    expect(buildStatement(header, [...lines].reverse(), tokens, prices).documentHash).toBe(expected);
  });

  it('changes with any amount', () => {
    const changed = buildStatement(header, [line({ amount: 1_234_500_001n }), lines[1]], tokens, prices);
    expect(changed.documentHash).not.toBe(buildStatement(header, lines, tokens, prices).documentHash);
  });
});

describe('USD values', () => {
  it('multiplies exactly, never rounding', () => {
    expect(usdValue(1_234_500_000n, 6, '0.5')).toBe('617.25');
    expect(usdValue(1n, 18, '0.000000000000000001')).toBe('0.000000000000000000000000000000000001');
    expect(usdValue(0n, 6, '3')).toBe('0');
  });

  it('takes a plain decimal price and drops trailing zeros', () => {
    expect(normalizePrice('1.2500')).toBe('1.25');
    expect(normalizePrice('3.000')).toBe('3');
    for (const bad of ['-1', '1e3', '.5', '01.5', '1.1234567890123456789', ''])
      expect(() => normalizePrice(bad)).toThrow('is not a decimal number');
  });

  it('values a line only with a price at or before its date', () => {
    const statement = buildStatement(header, lines, tokens, prices);
    expect(statement.lines.map((l) => [l.id, l.usdValue])).toEqual([
      ['b1', null],
      ['t1', '617.25'],
    ]);
    expect(statement.unpricedTokens).toEqual([token]);
  });
});

describe('statementsCsv', () => {
  it('writes a header and one row per line, quoting what needs it, with the statement’s hash', () => {
    const statement = buildStatement(header, lines, tokens, prices);
    const rows = statementsCsv([statement]).split('\r\n');
    expect(rows[0]).toBe(STATEMENT_CSV_COLUMNS.join(','));
    expect(rows[1]).toBe(
      `${contributor},2026-01-05T00:00:00.000Z,BOUNTY_PAYOUT,"Bounty ""Fix, then ship""",,${token},USDG,7000000,7,PENDING,,,,,,${statement.documentHash}`,
    );
    expect(rows[2]).toBe(
      `${contributor},2026-01-10T00:00:00.000Z,VESTING_TRANCHE,"Round 1, pool CODE, tranche 0",,${token},USDG,1234500000,"1,234.5",PAID,0x${'ab'.repeat(32)},42,0.5,2026-01-08T00:00:00.000Z,617.25,${statement.documentHash}`,
    );
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe('');
  });
});
