import { DaosDocument, GuildhallClient, HealthDocument } from '@guildhall/sdk';
import { colors, printFields, printJson, statusMark, type GlobalOptions } from '../output.js';
import { ExitCode } from '../exit-codes.js';

/** `guildhall status`: is the API up, are its database and chain, and which DAOs does it serve. */
export async function status(options: GlobalOptions): Promise<ExitCode> {
  const client = new GuildhallClient({ url: options.api, timeoutMs: 10_000 });
  const [{ health }, { daos }] = await Promise.all([
    client.request(HealthDocument),
    client.request(DaosDocument, { first: 20 }),
  ]);
  const up = health.status === 'UP';
  if (options.json) {
    printJson({ api: client.url, health, daos: daos.nodes });
    return up ? ExitCode.OK : ExitCode.FAILURE;
  }
  process.stdout.write(`${colors.bold('Guildhall')} at ${client.url}: ${statusMark(up)}\n`);
  printFields(
    [
      [
        'database',
        `${statusMark(health.database.status === 'UP')} ${health.database.latencyMs} ms${health.database.error ? ` ${health.database.error}` : ''}`,
      ],
      [
        'chain',
        `${statusMark(health.chain.status === 'UP')} id ${health.chain.chainId}` +
          (health.chain.blockNumber ? `, block ${health.chain.blockNumber}` : '') +
          `, ${health.chain.latencyMs} ms${health.chain.error ? ` ${health.chain.error}` : ''}`,
      ],
      [
        'daos',
        daos.nodes.length === 0
          ? 'none'
          : daos.nodes.map((dao) => dao.slug).join(', ') + (daos.pageInfo.hasNextPage ? ', …' : ''),
      ],
    ],
    '  ',
  );
  return up ? ExitCode.OK : ExitCode.FAILURE;
}
