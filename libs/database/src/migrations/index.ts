import type { MigrationInterface } from 'typeorm';
import { CreateDaoAndSignedMessage1795545724568 } from './1795545724568-create-dao-and-signed-message.js';

type MigrationClass = new () => MigrationInterface;

/** Every migration, oldest first. A new migration file is added at the end of this list. */
export const migrations: MigrationClass[] = [CreateDaoAndSignedMessage1795545724568];
