import PDFDocument from 'pdfkit';
import { formatTokenAmount } from '@guildhall/core';
import type { ContributorStatementQuery } from '@guildhall/sdk';

export type StatementData = ContributorStatementQuery['contributorStatement'];

const day = (iso: string): string => iso.slice(0, 10);

/**
 * A statement as a PDF (pdfkit): the DAO's name, the contributor, the period, every line, the totals
 * and the document's hash, which is also the PDF's subject. Its dates are the statement's end, so
 * the same statement gives the same bytes; `compress: false` leaves its text readable.
 */
export function statementPdf(
  statement: StatementData,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const issued = new Date(statement.to);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: options.compress ?? true,
    info: {
      Title: `Statement of ${statement.contributor} — ${statement.daoName}`,
      Subject: statement.documentHash,
      Keywords: `sha256:${statement.documentHash}`,
      Producer: 'Guildhall',
      Creator: 'guildhall statement',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(`${statement.daoName} — contributor statement`);
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  doc.text(`Contributor: ${statement.contributor}`);
  doc.text(`Period: ${statement.from} to ${statement.to} (end excluded)`);
  doc.text(`DAO: ${statement.dao}`);
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(12).text('Lines');
  doc.font('Helvetica').fontSize(8);
  if (statement.lines.length === 0) doc.text('No lines in the period.');
  for (const line of statement.lines) {
    const amount = `${formatTokenAmount(BigInt(line.amount), line.decimals)} ${line.symbol}`;
    const usd = line.usdValue === null ? 'no USD price' : `${line.usdValue} USD at ${line.usdPrice}`;
    doc.text(`${day(line.at)}  ${line.kind}  ${line.description}  ${amount}  ${line.status ?? ''}  ${usd}`);
    if (line.detail !== null) doc.text(`    ${line.detail}`);
    if (line.txHash !== null) doc.text(`    tx ${line.txHash}, block ${line.block ?? '?'}`);
  }
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(12).text('Totals');
  doc.font('Helvetica').fontSize(9);
  for (const total of statement.tokenTotals) {
    const f = (value: string) => `${formatTokenAmount(BigInt(value), total.decimals)} ${total.symbol}`;
    doc.text(
      `${total.symbol} (${total.token}): allocated ${f(total.allocated)}, paid ${f(total.paid)}, pending ${f(total.pending)}`,
    );
  }
  for (const total of statement.creditTotals) {
    const f = (value: string) => `${formatTokenAmount(BigInt(value), total.scale)} ${total.unit}`;
    const net = BigInt(total.net);
    doc.text(
      `${total.code}: granted ${f(total.granted)}, spent ${f(total.spent)}, expired ${f(total.expired)}, net ${net < 0n ? '-' : ''}${f((net < 0n ? -net : net).toString())}`,
    );
  }
  doc.moveDown();
  doc.text(
    statement.unpricedTokens.length === 0
      ? 'USD values: at prices the DAO recorded.'
      : `USD values: only at prices the DAO recorded; none recorded for ${statement.unpricedTokens.join(', ')} at some line's date, so those lines have no USD value.`,
  );
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(9).text('Document hash (SHA-256 of the statement’s canonical JSON)');
  doc.font('Courier').fontSize(9).text(statement.documentHash);
  doc.end();
  return done;
}
