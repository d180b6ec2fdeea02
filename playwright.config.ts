import { execSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests (test/web): Debian's Chromium (`apt-get install chromium`), never a downloaded
 * browser. Without it the run fails here: a browser test never skips.
 */
function chromium(): string {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  } catch {
    throw new Error(
      'Browser tests need Chromium on the PATH: apt-get install -y --no-install-recommends chromium',
    );
  }
}

export default defineConfig({
  testDir: 'test/web',
  testMatch: '*.web-spec.ts',
  // One stack per file, and two cores: files run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'dist/test-results/web',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromium(), args: ['--no-sandbox'] },
    trace: 'retain-on-failure',
  },
});
