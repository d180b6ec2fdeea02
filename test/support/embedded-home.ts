import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@guildhall/config';

/**
 * A new, empty GUILDHALL_HOME, and the configuration `guildhall start` would load for it: quiet
 * JSON logs, free ports for the API and the devnet.
 */
export function embeddedHome(prefix: string): { home: string; config: AppConfig } {
  const home = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const loaded = loadConfig({
    GUILDHALL_HOME: home,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'test',
  });
  return {
    home,
    config: { ...loaded, http: { ...loaded.http, port: 0 }, chain: { ...loaded.chain, devnetPort: 0 } },
  };
}
