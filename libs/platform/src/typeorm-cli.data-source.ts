/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate|run|revert`), the only code that
 * reads `DATABASE_URL` itself: the app reads it through @guildhall/config.
 *
 * The scripts run the CLI against the swc build in `dist/` (`npm run build` first), because the
 * entities need decorator metadata, which tsx/esbuild does not emit. After `migration:generate`:
 * rename nothing (the file is already `<timestamp>-<kebab-description>.ts`), make its typeorm import
 * `import type`, run prettier, review the SQL, and append the class to `migrations/index.ts`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/guildhall npm run migration:run
 *   DATABASE_URL=… npm run migration:generate -- libs/database/src/migrations/add-dao-voting-config
 *   DATABASE_URL=… npm run migration:revert
 */
import { createDataSource } from '@guildhall/database';
import { entities } from './entities.js';

// eslint-disable-next-line no-restricted-syntax -- the TypeORM CLI entry point, outside the app's config.
const url = process.env.DATABASE_URL;
if (url === undefined || url === '') {
  throw new Error('Set DATABASE_URL (postgres://user@host:port/database) for the TypeORM CLI.');
}

export default createDataSource({ url, entities, logging: ['error', 'schema'] });
