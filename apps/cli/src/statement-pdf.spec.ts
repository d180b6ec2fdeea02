import { renderStatement } from './commands/statement.js';
import { statementPdf, type StatementData } from './statement-pdf.js';

const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const statement: StatementData = {
  dao: 'guild',
  daoName: 'The Guild',
  contributor: '0x1111111111111111111111111111111111111111',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-01T00:00:00.000Z',
  lines: [
    {
      kind: 'VESTING_TRANCHE',
      id: 't1',
      at: '2026-01-10T00:00:00.000Z',
      assetType: 'TOKEN',
      asset: '0x7070707070707070707070707070707070707070',
      symbol: 'USDG',
      decimals: 6,
      amount: '1234500000',
      status: 'PAID',
      counts: 'OWED',
      description: 'Round 1, pool CODE, tranche 0',
      detail: null,
      txHash: `0x${'ab'.repeat(32)}`,
      block: '42',
      usdPrice: '0.5',
      usdPriceAsOf: '2026-01-08T00:00:00.000Z',
      usdValue: '617.25',
    },
  ],
  tokenTotals: [
    {
      token: '0x7070707070707070707070707070707070707070',
      symbol: 'USDG',
      decimals: 6,
      allocated: '0',
      paid: '1234500000',
      pending: '0',
    },
  ],
  creditTotals: [],
  unpricedTokens: [],
  documentHash: hash,
  canonicalJson: '{"contributor":"0x1111111111111111111111111111111111111111"}',
  csv: `contributor,document_hash\r\n0x1111111111111111111111111111111111111111,${hash}\r\n`,
};

/** pdfkit writes a standard font's text as hex of its character codes: `<...> Tj`. */
const hexText = (text: string) => Buffer.from(text, 'latin1').toString('hex');

describe('statementPdf', () => {
  it('writes a PDF whose text and metadata carry the document hash', async () => {
    const pdf = await statementPdf(statement, { compress: false });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // The Info dictionary's strings are objects of their own: `/Subject 13 0 R`, then `(hash)`.
    expect(text).toContain(`(${hash})`);
    expect(text).toContain(hexText(hash));
    expect(text).toContain(hexText('The Guild'));
    expect(text).toContain(hexText('617.25 USD'));
  });

  it('gives the same bytes for the same statement (its dates are the statement’s end)', async () => {
    const [a, b] = await Promise.all([statementPdf(statement), statementPdf(statement)]);
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('(D:20260201000000Z)');
  });
});

describe('renderStatement', () => {
  it('prints the hash in JSON and CSV as in the PDF', async () => {
    const json = JSON.parse((await renderStatement(statement, 'json')).toString()) as Record<string, unknown>;
    expect(json).toEqual({ contributor: statement.contributor, documentHash: hash });
    expect((await renderStatement(statement, 'csv')).toString()).toContain(hash);
  });
});
