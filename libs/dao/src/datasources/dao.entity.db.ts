import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** A DAO: its slug, chain, governance token and Safe. Columns match the migrations exactly. */
@Entity({ name: 'dao' })
@Unique('dao_slug_key', ['slug'])
@Check('dao_slug_format', `"slug" ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'`)
@Check('dao_governance_token_format', `"governance_token" ~ '^0x[0-9a-fA-F]{40}$'`)
@Check('dao_safe_address_format', `"safe_address" ~ '^0x[0-9a-fA-F]{40}$'`)
@Check('dao_voting_delay_range', `"voting_delay" >= 0`)
@Check('dao_voting_period_range', `"voting_period" > 0`)
@Check('dao_quorum_kind', `"quorum_kind" IN ('ABSOLUTE', 'SUPPLY_BPS')`)
@Check('dao_supermajority_bps_range', `"supermajority_bps" BETWEEN 0 AND 10000`)
export class DaoEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dao_pkey' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'chain_id', type: 'integer' })
  chainId!: number;

  /** Checksummed ERC20Votes token address. */
  @Column({ name: 'governance_token', type: 'char', length: 42 })
  governanceToken!: string;

  /** Checksummed Safe address. */
  @Column({ name: 'safe_address', type: 'char', length: 42 })
  safeAddress!: string;

  /** Seconds from a proposal's creation to the start of its vote. */
  @Column({ name: 'voting_delay', type: 'integer', default: 0 })
  votingDelay!: number;

  /** Seconds a vote stays open. */
  @Column({ name: 'voting_period', type: 'integer', default: 259200 })
  votingPeriod!: number;

  /** Voting power an author needs to create a proposal. */
  @Column({
    name: 'proposal_threshold',
    type: 'numeric',
    precision: 78,
    scale: 0,
    default: 0,
    transformer: numericBigintTransformer,
  })
  proposalThreshold!: bigint;

  /** ABSOLUTE: `quorum` is voting power; SUPPLY_BPS: `quorum` bps of the past total supply at the snapshot. */
  @Column({ name: 'quorum_kind', type: 'text', default: 'ABSOLUTE' })
  quorumKind!: 'ABSOLUTE' | 'SUPPLY_BPS';

  @Column({ type: 'numeric', precision: 78, scale: 0, default: 0, transformer: numericBigintTransformer })
  quorum!: bigint;

  /** For `basic` votes: For must reach this share of For + Against (0 = simple majority). */
  @Column({ name: 'supermajority_bps', type: 'integer', default: 0 })
  supermajorityBps!: number;

  @Column({
    name: 'vote_types',
    type: 'text',
    array: true,
    default: () => "'{basic,single-choice,approval,weighted,quadratic,ranked-choice}'",
  })
  voteTypes!: string[];

  @Column({ name: 'allow_vote_change', type: 'boolean', default: true })
  allowVoteChange!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
