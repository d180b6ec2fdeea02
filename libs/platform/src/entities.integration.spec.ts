import { migrations, runMigrations } from '@guildhall/database';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { entities } from './entities.js';

const tablesIn = async (db: TestDatabase): Promise<string[]> => {
  const rows: Array<{ table_name: string }> = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
};

describe('the migrations and every entity', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false, entities });
  });
  afterEach(() => db.drop());

  it('migrate a fresh database to exactly the schema the entities describe (no drift)', async () => {
    expect(await runMigrations(db.dataSource)).toEqual(migrations.map((migration) => migration.name));
    // Exactly one table per entity, and the migrations log.
    const entityTables = db.dataSource.entityMetadatas.map((metadata) => metadata.tableName);
    expect((await tablesIn(db)).sort()).toEqual([...entityTables, 'migrations'].sort());
    expect(entityTables).toEqual(expect.arrayContaining(['dao', 'proposal', 'attestation', 'reward_round']));

    const drift = await db.dataSource.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
    expect(await runMigrations(db.dataSource)).toEqual([]);
  });
});
