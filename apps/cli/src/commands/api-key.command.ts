import type { Command } from 'commander';
import { examples } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';

/**
 * `guildhall api-key create|list|revoke`: the operator's keys for known integrators, which lift the
 * API's rate limits. They work on the database directly (DATABASE_URL), not through the API:
 * whoever can reach the database runs the deployment.
 */
export function registerApiKeys(program: Command, globals: () => GlobalOptions): void {
  const apiKey = program
    .command('api-key')
    .description(
      'Create, list and revoke API keys that lift the rate limits for known integrators (needs DATABASE_URL)',
    );

  apiKey
    .command('create')
    .description('Create a key and print it: it is shown this once, only its SHA-256 is stored')
    .requiredOption('--name <name>', 'who the key is for (1 to 100 characters)')
    .addHelpText(
      'after',
      examples([
        '$ DATABASE_URL=postgres://… guildhall api-key create --name "Acme indexer"',
        '$ curl -H "x-api-key: gh_…" -d \'{"query":"{ daos { nodes { slug } } }"}\' https://guildhall.example.org/graphql',
      ]),
    )
    .action(async (options: { name: string }) => {
      const { createApiKey } = await import('./api-key.js');
      process.exitCode = await createApiKey(globals(), options.name);
    });

  apiKey
    .command('list')
    .description('List every key (never the key itself): id, name, created, revoked')
    .action(async () => {
      const { listApiKeys } = await import('./api-key.js');
      process.exitCode = await listApiKeys(globals());
    });

  apiKey
    .command('revoke')
    .description('Revoke a key: requests that send it are refused from now on')
    .argument('<id>', 'the key id, as `api-key list` prints it')
    .action(async (id: string) => {
      const { revokeApiKey } = await import('./api-key.js');
      process.exitCode = await revokeApiKey(globals(), id);
    });
}
