import { CreditsConsistencyDocument } from '@guildhall/sdk';
import { ExitCode } from '../exit-codes.js';
import { colors, printJson, printTable, type GlobalOptions } from '../output.js';
import { apiClient } from '../session.js';

export async function checkCredits(globals: GlobalOptions, dao: string): Promise<ExitCode> {
  const { creditsConsistency: report } = await apiClient(globals).request(CreditsConsistencyDocument, {
    dao,
  });
  if (globals.json) printJson(report);
  else if (report.ok)
    process.stdout.write(`${colors.green('✔')} The credits ledger of ${dao} holds together\n`);
  else {
    const mismatches = [
      ...report.balances.map((m) => ['balance', m.accountId, m.creditTypeId, m.stored, m.derived]),
      ...report.held.map((m) => ['held', m.accountId, m.creditTypeId, m.stored, m.derived]),
      ...report.lots.map((m) => ['grants', m.accountId, m.creditTypeId, m.stored, m.derived]),
      ...report.unbalancedTransfers.map((t) => ['transfer', t.transferId, t.creditTypeId ?? '-', t.sum, '0']),
    ];
    process.stdout.write(`${colors.red('✘')} The credits ledger of ${dao} does not hold together:\n`);
    printTable(['CHECK', 'ACCOUNT / TRANSFER', 'CREDIT TYPE', 'STORED', 'EXPECTED'], mismatches);
  }
  return report.ok ? ExitCode.OK : ExitCode.FAILURE;
}
