/**
 * Hardhat's EDR ships its native binary in platform packages that declare Node ≥ 22. On Node 20
 * npm skips an optional dependency whose engines do not match — Hardhat's programmatic API works
 * on Node 20, only the declaration is stricter. npm decides from the lock file,
 * so this removes `engines` from those entries. Run it after any `npm install` that rewrote the
 * lock (`npm run lock:unpin-edr`); a unit test fails while the lock still pins them.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const EDR_PLATFORM_PACKAGE = /^node_modules\/@nomicfoundation\/edr-[a-z0-9-]+$/;

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as {
  packages: Record<string, { engines?: unknown }>;
};
let changed = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (EDR_PLATFORM_PACKAGE.test(path) && entry.engines !== undefined) {
    delete entry.engines;
    changed += 1;
  }
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  changed === 0
    ? 'package-lock.json: EDR platform packages already installable'
    : `package-lock.json: unpinned ${changed} EDR platform package(s)`,
);
