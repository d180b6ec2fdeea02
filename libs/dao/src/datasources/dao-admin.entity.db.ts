import { CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** An address that may change a DAO's settings, admins and reviewers, and cancel its proposals. */
@Entity({ name: 'dao_admin' })
export class DaoAdminEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'dao_admin_pkey' })
  @ForeignKey('DaoEntity', { name: 'dao_admin_dao_id_fkey', onDelete: 'CASCADE' })
  daoId!: string;

  /** Checksummed. */
  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'dao_admin_pkey' })
  address!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
