import ora, { type Ora } from 'ora';
import { colors } from './output.js';

/**
 * Progress of a slow command on stderr: a spinner on a TTY, one plain line per step otherwise
 * (logs stay readable), nothing at all with --json. Colour only where picocolors allows it.
 */
export class Progress {
  private readonly spinner: Ora;

  constructor(quiet: boolean) {
    this.spinner = ora({
      stream: process.stderr,
      isEnabled: !quiet && process.stderr.isTTY,
      isSilent: quiet,
    });
  }

  start(text: string): void {
    this.spinner.start(text);
  }

  update(text: string): void {
    this.spinner.text = text;
  }

  succeed(text: string): void {
    this.spinner.stopAndPersist({ symbol: colors.green('✔'), text });
  }

  fail(text: string): void {
    this.spinner.stopAndPersist({ symbol: colors.red('✖'), text });
  }

  stop(): void {
    this.spinner.stop();
  }
}
