import { ConfigError, ConfigErrorCode, loadConfig } from '@guildhall/config';
import { ApiKeys, connectDataSource, type ApiKeyRecord } from '@guildhall/database';
import { ApiKeyEntity } from '@guildhall/database/datasources';
import { ExitCode } from '../exit-codes.js';
import { colors, printFields, printJson, printTable, type GlobalOptions } from '../output.js';

/** Runs `work` on the API's database (DATABASE_URL), closing the connection afterwards. */
async function withApiKeys<T>(work: (keys: ApiKeys) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.database.url === undefined) {
    throw new ConfigError(ConfigErrorCode.MISSING_VARIABLE, [
      { variable: 'DATABASE_URL', problem: 'API keys live in the API’s PostgreSQL database: set its URL' },
    ]);
  }
  const dataSource = await connectDataSource({
    url: config.database.url,
    entities: [ApiKeyEntity],
    poolSize: 1,
    connectTimeoutMs: config.bootTimeoutMs,
  });
  try {
    return await work(new ApiKeys(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

const row = (record: ApiKeyRecord) => ({
  id: record.id,
  name: record.name,
  createdAt: record.createdAt.toISOString(),
  revokedAt: record.revokedAt?.toISOString() ?? null,
});

export async function createApiKey(globals: GlobalOptions, name: string): Promise<ExitCode> {
  const { key, record } = await withApiKeys((keys) => keys.create(name));
  if (globals.json) {
    printJson({ ...row(record), key });
    return ExitCode.OK;
  }
  printFields([
    ['id', record.id],
    ['name', record.name],
    ['key', colors.bold(key)],
  ]);
  process.stdout.write(
    `${colors.dim('Shown this once: only its SHA-256 is stored. Clients send it as the x-api-key header.')}\n`,
  );
  return ExitCode.OK;
}

export async function listApiKeys(globals: GlobalOptions): Promise<ExitCode> {
  const records = await withApiKeys((keys) => keys.list());
  if (globals.json) {
    printJson(records.map(row));
    return ExitCode.OK;
  }
  printTable(
    ['ID', 'NAME', 'CREATED', 'REVOKED'],
    records.map(row).map((r) => [r.id, r.name, r.createdAt, r.revokedAt ?? '-']),
  );
  return ExitCode.OK;
}

export async function revokeApiKey(globals: GlobalOptions, id: string): Promise<ExitCode> {
  const record = await withApiKeys((keys) => keys.revoke(id));
  if (globals.json) printJson(row(record));
  else process.stdout.write(`Revoked API key ${record.id} (${record.name}).\n`);
  return ExitCode.OK;
}
