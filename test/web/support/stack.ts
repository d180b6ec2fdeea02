import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CLI = join(import.meta.dirname, '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * `guildhall start` (what `npm start` runs) as its own process, from the build (`npm run build`,
 * which `npm run test:web` runs first), on an empty GUILDHALL_HOME and free ports: embedded
 * PostgreSQL, the devnet with the dev stack, the API serving the web app, the demo DAO.
 */
export class WebStack {
  private constructor(
    private readonly process: ChildProcess,
    private readonly home: string,
    /** The web app (and the API's origin), e.g. http://127.0.0.1:41234 */
    readonly baseUrl: string,
    readonly graphqlUrl: string,
    readonly rpcUrl: string,
    readonly log: () => string,
  ) {}

  /**
   * Starts the stack (with `env` added to its environment, e.g. MAX_TRANSFERS_PER_TX); a port taken
   * between choosing it and listening on it means another try.
   */
  static async start(env: Readonly<Record<string, string>> = {}): Promise<WebStack> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await WebStack.startOnce(env);
      } catch (error) {
        if (attempt === 3 || !/already in use/.test((error as Error).message)) throw error;
      }
    }
  }

  private static async startOnce(env: Readonly<Record<string, string>>): Promise<WebStack> {
    const home = mkdtempSync(join(tmpdir(), 'guildhall-web-'));
    const [port, devnetPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--enable-source-maps', CLI, 'start'], {
      env: {
        // The child's environment, not configuration.
        // eslint-disable-next-line no-restricted-syntax
        ...process.env,
        GUILDHALL_HOME: home,
        PORT: String(port),
        DEVNET_PORT: String(devnetPort),
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        NODE_ENV: 'development',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /API and worker ready at (\S+)/.exec(output)?.[1];
        if (url !== undefined) resolve(url);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`guildhall start exited with ${code}:\n${output}`)));
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`guildhall start not ready in 120 s:\n${output}`)), 120_000).unref(),
    );
    try {
      const graphqlUrl = await Promise.race([ready, timeout]);
      const baseUrl = new URL(graphqlUrl).origin;
      return new WebStack(child, home, baseUrl, graphqlUrl, `http://127.0.0.1:${devnetPort}`, () => output);
    } catch (error) {
      child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * The address of a dev stack contract by the name `guildhall start` prints it under ("payout token",
   * "governance token", "DAO Safe (2-of-3)"), once it has printed the list.
   */
  async contract(name: string): Promise<`0x${string}`> {
    const pattern = new RegExp(`${name.replace(/[()]/g, '\\$&')}[^\\n]*?(0x[0-9a-fA-F]{40})`);
    for (let waited = 0; waited < 15_000; waited += 100) {
      const address = pattern.exec(this.log())?.[1];
      if (address !== undefined) return address as `0x${string}`;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`guildhall start printed no "${name}":\n${this.log()}`);
  }

  /** Runs the CLI against this stack; resolves with its standard output. */
  async cli(...args: string[]): Promise<string> {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--api', this.graphqlUrl, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  async close(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (this.process.exitCode === null) this.process.kill('SIGKILL');
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}
