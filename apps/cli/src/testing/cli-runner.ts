import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../..');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The real `guildhall` binary for e2e tests: apps and libs compiled with swc, as `npm run build`
 * does, into a directory of its own under the repository's tmp/ (so node_modules resolve; CI runs
 * the tests before the build, and suites must not race on dist/). Each run is a fresh process with
 * no GUILDHALL_* variables but those the test passes, and no colour (NO_COLOR).
 */
export class CliRunner {
  private constructor(private readonly dir: string) {}

  static build(): CliRunner {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'cli-e2e-'));
    execFileSync(
      join(ROOT, 'node_modules/.bin/swc'),
      ['apps', 'libs', '-d', dir, '--ignore', '**/*.spec.ts,**/testing/**', '-q'],
      { cwd: ROOT, stdio: 'pipe' },
    );
    return new CliRunner(dir);
  }

  run(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
    // The child's environment, not configuration: PATH, TEST_DATABASE_URL and the like pass through.
    const inherited = Object.fromEntries(
      // eslint-disable-next-line no-restricted-syntax
      Object.entries(process.env).filter(
        ([name]) => !name.startsWith('GUILDHALL_') && !['NODE_OPTIONS', 'FORCE_COLOR'].includes(name),
      ),
    );
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(this.dir, 'apps/cli/src/main.js'), ...args],
        { env: { ...inherited, NO_COLOR: '1', ...env }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
            stdout,
            stderr,
          }),
      );
    });
  }

  /** Runs and parses stdout as JSON; fails with stderr when the exit code is not 0. */
  async json<T = unknown>(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<T> {
    const result = await this.run([...args, '--json'], env);
    if (result.code !== 0)
      throw new Error(`guildhall ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  /** A file of this build, e.g. `apps/api/src/main.js` to run the API as `npm run start:api` does. */
  path(relative: string): string {
    return join(this.dir, relative);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
