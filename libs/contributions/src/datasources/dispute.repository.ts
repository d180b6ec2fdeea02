import { Injectable } from '@nestjs/common';
import { Address, isUuid } from '@guildhall/core';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Dispute, DisputeStatus, DisputeTargetKind } from '../domain/contribution.js';
import { DisputeEntity } from './dispute.entity.db.js';
import { lockOption } from './row-lock.js';

const toDispute = (row: DisputeEntity): Dispute => ({
  id: row.id,
  daoId: row.daoId,
  disputer: Address.parse(row.disputer),
  targetKind: row.targetKind as DisputeTargetKind,
  attestationId: row.attestationId,
  reviewId: row.reviewId,
  reason: row.reason,
  evidence: row.evidence,
  status: row.status as DisputeStatus,
  resolution: row.resolution,
  resolvedBy: row.resolvedBy === null ? null : Address.parse(row.resolvedBy),
  resolvedAt: row.resolvedAt,
  createdAt: row.createdAt,
});

/** Disputes against attestations or their reviews; every method that changes state takes the caller's transaction. */
@Injectable()
export class DisputeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Null when the disputer already has an open dispute on that target. */
  async insertDispute(
    manager: EntityManager,
    dispute: Pick<
      Dispute,
      'daoId' | 'disputer' | 'targetKind' | 'attestationId' | 'reviewId' | 'reason' | 'evidence'
    >,
  ): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(DisputeEntity)
      .values({
        ...dispute,
        evidence: [...dispute.evidence],
        targetKey: dispute.reviewId ?? '',
        status: 'OPEN',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = result.raw as Array<{ id: string }>;
    return row?.id ?? null;
  }

  async findDispute(id: string, manager: EntityManager = this.dataSource.manager, lock = false) {
    if (!isUuid(id)) return null;
    const row = await manager.getRepository(DisputeEntity).findOne({ where: { id }, ...lockOption(lock) });
    return row === null ? null : toDispute(row);
  }

  async resolveDispute(
    manager: EntityManager,
    id: string,
    resolution: { status: 'UPHELD' | 'DISMISSED'; resolution: string; resolvedBy: Address; resolvedAt: Date },
  ): Promise<void> {
    await manager.update(DisputeEntity, { id }, resolution);
  }

  /** Open disputes against the attestation itself (not its reviews). */
  async openAttestationDisputes(manager: EntityManager, attestationId: string): Promise<number> {
    return manager
      .getRepository(DisputeEntity)
      .countBy({ attestationId, targetKind: 'ATTESTATION', status: 'OPEN' });
  }

  /** Every dispute about the attestations (against them or their reviews), oldest first. */
  async disputesOf(
    attestationIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Dispute[]> {
    if (attestationIds.length === 0) return [];
    const rows = await manager.getRepository(DisputeEntity).find({
      where: { attestationId: In([...attestationIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toDispute);
  }
}
