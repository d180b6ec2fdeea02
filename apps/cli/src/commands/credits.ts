import {
  CreateCreditSpendingKeyDocument,
  CreditsConsistencyDocument,
  CreditSpendingKeysDocument,
  RevokeCreditSpendingKeyDocument,
  type CreditSpendingKeyFieldsFragment,
} from '@guildhall/sdk';
import { ExitCode } from '../exit-codes.js';
import { colors, printFields, printJson, printTable, type GlobalOptions } from '../output.js';
import { apiClient, signingSession, type SigningOptions } from '../session.js';

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

export async function createSpendingKey(
  globals: GlobalOptions,
  options: SigningOptions & { dao: string; service: string; name: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { createCreditSpendingKey: created } = await client.request(
    CreateCreditSpendingKeyDocument,
    await signer.createCreditSpendingKey({ dao: options.dao, service: options.service, name: options.name }),
  );
  if (globals.json) printJson(created);
  else {
    process.stdout.write(`${colors.green('✔')} Spending key ${colors.bold(created.key.id)} created\n`);
    printKey(created.key);
    if (created.secret !== null && created.secret !== undefined)
      process.stdout.write(
        `\n${created.secret}\n\n${colors.dim('Shown this once: send it as "Authorization: Bearer …". Only its hash is kept.')}\n`,
      );
  }
  return ExitCode.OK;
}

export async function listSpendingKeys(globals: GlobalOptions, dao: string): Promise<ExitCode> {
  const { creditSpendingKeys: keys } = await apiClient(globals).request(CreditSpendingKeysDocument, { dao });
  if (globals.json) printJson(keys);
  else
    printTable(
      ['ID', 'SERVICE', 'NAME', 'CREATED', 'REVOKED'],
      keys.map((key) => [key.id, key.service, key.name, String(key.createdAt), String(key.revokedAt ?? '-')]),
    );
  return ExitCode.OK;
}

export async function revokeSpendingKey(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { revokeCreditSpendingKey: key } = await client.request(
    RevokeCreditSpendingKeyDocument,
    await signer.revokeCreditSpendingKey({ dao: options.dao, keyId: id }),
  );
  if (globals.json) printJson(key);
  else {
    process.stdout.write(`${colors.green('✔')} Spending key ${colors.bold(key.id)} revoked\n`);
    printKey(key);
  }
  return ExitCode.OK;
}

function printKey(key: CreditSpendingKeyFieldsFragment): void {
  printFields([
    ['id', key.id],
    ['service', key.service],
    ['name', key.name],
    ['created by', key.createdBy],
    ['created', String(key.createdAt)],
    ['revoked', String(key.revokedAt ?? '-')],
  ]);
}
