import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('EDR native binary on a clean install', () => {
  it('is not skipped by npm on Node 20: the lock file does not pin its platform packages to Node 22', () => {
    const lock = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../../package-lock.json'), 'utf8'),
    ) as {
      packages: Record<string, { engines?: unknown }>;
    };
    const platformPackages = Object.entries(lock.packages).filter(([path]) =>
      /^node_modules\/@nomicfoundation\/edr-[a-z0-9-]+$/.test(path),
    );
    expect(platformPackages.map(([path]) => path)).toContain(
      'node_modules/@nomicfoundation/edr-linux-x64-gnu',
    );
    const pinned = platformPackages.filter(([, entry]) => entry.engines !== undefined).map(([path]) => path);
    // If this fails, run `npm run lock:unpin-edr` (see scripts/unpin-edr-engines.ts).
    expect(pinned).toEqual([]);
  });
});
