import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { CommonError, CommonErrorCode, isGuildhallError } from '@guildhall/core';
import { parseYumaInput, runEpoch, type YumaResult } from '@guildhall/rewards/domain';
import { ExitCode } from '../exit-codes.js';

/**
 * `guildhall score --input FILE`: one Yuma Consensus epoch recomputed offline from a Yuma input
 * (docs/cli.md, "Export formats"), printed as `{ consensus, incentive, dividends, validatorTrust, bonds }`.
 * A file that cannot be read, is not JSON or is not a valid Yuma input is bad usage, as for
 * `guildhall recount`: one line naming the problem on stderr, exit code 2 (4 is for requests the API
 * rejects).
 */
export async function score(options: { input: string }): Promise<ExitCode> {
  try {
    const json = parseJson(await readInput(options.input), options.input);
    process.stdout.write(formatResult(runEpoch(parseYumaInput(json))));
    return ExitCode.OK;
  } catch (error) {
    if (!isGuildhallError(error) || error.category !== 'BAD_INPUT') throw error;
    process.stderr.write(`guildhall: ${error.message}\n`);
    return ExitCode.USAGE;
  }
}

/** The file's text, or stdin's for `-`. */
async function readInput(file: string): Promise<string> {
  if (file === '-') return text(process.stdin);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CommonError(
      CommonErrorCode.BAD_INPUT,
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { file },
      { cause: error },
    );
  }
}

function parseJson(source: string, file: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    const name = file === '-' ? 'stdin' : file;
    throw new CommonError(
      CommonErrorCode.BAD_INPUT,
      `${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { file },
      { cause: error },
    );
  }
}

/**
 * The result as JSON with one line per vector and per row of bonds: a 500-participant epoch stays
 * 500-odd lines instead of the quarter of a million a fully indented matrix would take.
 */
function formatResult({ consensus, incentive, dividends, validatorTrust, bonds }: YumaResult): string {
  const vectors = Object.entries({ consensus, incentive, dividends, validatorTrust }).map(
    ([key, vector]) => `  "${key}": ${JSON.stringify(vector)},`,
  );
  const rows = bonds.map((row) => `    ${JSON.stringify(row)}`).join(',\n');
  return ['{', ...vectors, `  "bonds": [\n${rows}\n  ]`, '}', ''].join('\n');
}
