import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
// The tally rules themselves, not @guildhall/governance, whose index also loads the Nest module:
// a recount is offline and starts fast.
import { TallyError, recount as recountExport } from '@guildhall/governance/tally';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../output.js';

/**
 * `guildhall recount --input FILE`: a proposal's result recomputed offline from its export
 * (docs/cli.md, "Export formats"), printed as JSON `{ scores, scoresTotal, quorumReached }`. A file
 * that cannot be read, is not JSON or is not a valid proposal export is bad usage: one line naming
 * the problem on stderr, exit code 2.
 */
export async function recount(options: { input: string }): Promise<ExitCode> {
  const name = options.input === '-' ? 'stdin' : options.input;
  let source: string;
  try {
    source = options.input === '-' ? await text(process.stdin) : await readFile(options.input, 'utf8');
  } catch (error) {
    return badInput(`cannot read ${name}: ${errorMessage(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    return badInput(`${name} is not JSON: ${errorMessage(error)}`);
  }
  try {
    printJson(recountExport(json));
    return ExitCode.OK;
  } catch (error) {
    if (!(error instanceof TallyError) || error.category !== 'BAD_INPUT') throw error;
    return badInput(`${name}: ${error.message}`);
  }
}

function badInput(message: string): ExitCode {
  process.stderr.write(`guildhall: ${message}\n`);
  return ExitCode.USAGE;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
