import { Injectable } from '@nestjs/common';
import { assertNoUserinfo, DISPUTE_EVIDENCE_URI_PATTERN, type DaoSignedInput } from '@guildhall/core';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import { ChainReader } from '@guildhall/chain';
import { GovernanceChainReader } from '@guildhall/governance';
import type { EntityManager } from 'typeorm';
import { AttestationRepository } from '../datasources/attestation.repository.js';
import { ReviewRepository } from '../datasources/review.repository.js';
import { DisputeRepository } from '../datasources/dispute.repository.js';
import { ContributorProfileRepository } from '../datasources/contributor-profile.repository.js';
import { AttestationService, notFound } from './attestation.service.js';
import type { Attestation, Dispute, DisputeTargetKind } from './contribution.js';
import { ContributionsError, ContributionsErrorCode } from './contributions.error.js';

const NOT_DISPUTABLE = new Set(['PENDING_COSIGN', 'WITHDRAWN']);

const bad = (message: string, field: string) =>
  new ContributionsError(ContributionsErrorCode.INVALID_DISPUTE, message, { field });

function validateText(reason: string, field: string): void {
  if (reason.trim().length === 0 || reason.length > 5_000)
    throw bad(`${field}: 1 to 5,000 characters`, field);
}

/** Disputes against attestations (plagiarised evidence, inflated metrics) or reviews (collusion). */
@Injectable()
export class DisputeService {
  constructor(
    private readonly attestations: AttestationRepository,
    private readonly reviews: ReviewRepository,
    private readonly disputes: DisputeRepository,
    private readonly profiles: ContributorProfileRepository,
    private readonly attestationService: AttestationService,
    private readonly daos: DaoService,
    private readonly chain: GovernanceChainReader,
    private readonly reader: ChainReader,
    private readonly signedWrites: SignedWrites,
  ) {}

  async byId(id: string): Promise<Dispute> {
    const dispute = await this.disputes.findDispute(id);
    if (dispute === null)
      throw new ContributionsError(ContributionsErrorCode.DISPUTE_NOT_FOUND, `No dispute ${id}`, {
        dispute: id,
      });
    return dispute;
  }

  /**
   * `openDispute`, by a member: a holder of voting power now, or a contributor of the DAO. An
   * attestation under dispute is DISPUTED until an admin resolves it; one open dispute per
   * disputer and target.
   */
  async open(
    input: DaoSignedInput & {
      targetKind: DisputeTargetKind;
      target: string;
      reason: string;
      evidence: readonly string[];
    },
  ): Promise<Dispute> {
    validateText(input.reason, 'reason');
    if (
      input.evidence.length > 20 ||
      input.evidence.some((uri) => !DISPUTE_EVIDENCE_URI_PATTERN.test(uri) || uri.length > 2048)
    )
      throw bad('evidence: at most 20 https://, ipfs:// or ar:// URIs', 'evidence');
    input.evidence.forEach((uri, index) => assertNoUserinfo(uri, `evidence[${index}]`));
    const dao = await this.daos.bySlug(input.dao);
    const { disputeId } = await this.signedWrites.run(
      'OpenDispute',
      {
        from: input.from,
        dao: dao.slug,
        targetKind: input.targetKind,
        target: input.target,
        reason: input.reason,
        evidence: [...input.evidence],
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const review =
          input.targetKind === 'REVIEW' ? await this.reviews.reviewById(input.target, manager) : null;
        if (input.targetKind === 'REVIEW' && review === null)
          throw new ContributionsError(ContributionsErrorCode.REVIEW_NOT_FOUND, `No review ${input.target}`, {
            review: input.target,
          });
        const attestationId = review?.attestationId ?? input.target;
        const attestation = await this.attestations.findAttestation(attestationId, manager, true);
        if (attestation === null || attestation.daoId !== dao.id) throw notFound(attestationId, dao.slug);
        if (input.targetKind === 'ATTESTATION' && NOT_DISPUTABLE.has(attestation.status))
          throw bad(`Attestation ${attestation.id} is ${attestation.status}: nothing to dispute`, 'target');
        await this.assertMember(manager, dao, signer);
        const id = await this.disputes.insertDispute(manager, {
          daoId: dao.id,
          disputer: signer,
          targetKind: input.targetKind,
          attestationId: attestation.id,
          reviewId: review?.id ?? null,
          reason: input.reason,
          evidence: input.evidence,
        });
        if (id === null)
          throw new ContributionsError(
            ContributionsErrorCode.DISPUTE_ALREADY_OPEN,
            `${signer} already has an open dispute on this ${input.targetKind.toLowerCase()}`,
            { target: input.target },
          );
        if (input.targetKind === 'ATTESTATION' && attestation.status !== 'DISPUTED')
          await this.attestations.updateAttestation(manager, attestation.id, {
            status: 'DISPUTED',
            statusBeforeDispute: attestation.status,
          });
        return { daoId: dao.id, result: { disputeId: id } };
      },
    );
    return this.byId(String(disputeId));
  }

  /**
   * `resolveDispute`, by an admin. UPHELD: a disputed attestation is REJECTED; a disputed review is
   * voided and a decided attestation is decided again without it. DISMISSED: the attestation goes
   * back to where it was (and is decided if its review deadline passed meanwhile).
   */
  async resolve(
    input: DaoSignedInput & { dispute: string; resolution: 'UPHELD' | 'DISMISSED'; reason: string },
  ): Promise<Dispute> {
    validateText(input.reason, 'reason');
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'ResolveDispute',
      {
        from: input.from,
        dao: dao.slug,
        dispute: input.dispute,
        resolution: input.resolution,
        reason: input.reason,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const dispute = await this.disputes.findDispute(input.dispute, manager, true);
        if (dispute === null || dispute.daoId !== dao.id)
          throw new ContributionsError(
            ContributionsErrorCode.DISPUTE_NOT_FOUND,
            `No dispute ${input.dispute} in DAO "${dao.slug}"`,
            { dispute: input.dispute },
          );
        if (dispute.status !== 'OPEN')
          throw new ContributionsError(
            ContributionsErrorCode.DISPUTE_ALREADY_RESOLVED,
            `Dispute ${dispute.id} was already ${dispute.status}`,
            { dispute: dispute.id, status: dispute.status },
          );
        const attestation = await this.attestations.findAttestation(dispute.attestationId, manager, true);
        if (attestation === null) throw notFound(dispute.attestationId);
        await this.disputes.resolveDispute(manager, dispute.id, {
          status: input.resolution,
          resolution: input.reason,
          resolvedBy: signer,
          resolvedAt: new Date(),
        });
        if (dispute.targetKind === 'ATTESTATION')
          await this.settleAttestation(manager, attestation, input.resolution);
        else if (input.resolution === 'UPHELD' && dispute.reviewId !== null)
          await this.voidReview(manager, attestation, dispute.reviewId);
        return { daoId: dao.id, result: { disputeId: dispute.id } };
      },
    );
    return this.byId(input.dispute);
  }

  private async settleAttestation(
    manager: EntityManager,
    attestation: Attestation,
    resolution: 'UPHELD' | 'DISMISSED',
  ): Promise<void> {
    if (resolution === 'UPHELD') {
      await this.attestations.updateAttestation(manager, attestation.id, {
        status: 'REJECTED',
        statusBeforeDispute: null,
      });
      await this.attestations.releaseEvidence(manager, attestation.id);
      return;
    }
    if (
      attestation.status !== 'DISPUTED' ||
      (await this.disputes.openAttestationDisputes(manager, attestation.id)) > 0
    )
      return;
    const restored = attestation.statusBeforeDispute ?? 'IN_REVIEW';
    await this.attestations.updateAttestation(manager, attestation.id, {
      status: restored,
      statusBeforeDispute: null,
    });
    if (restored === 'IN_REVIEW')
      await this.attestationService.decide(manager, { ...attestation, status: restored });
  }

  private async voidReview(
    manager: EntityManager,
    attestation: Attestation,
    reviewId: string,
  ): Promise<void> {
    await this.reviews.voidReview(manager, reviewId);
    await this.attestations.updateAttestation(manager, attestation.id, {
      reviewCount: Math.max(0, attestation.reviewCount - 1),
    });
    const rejectedByDispute = (await this.disputes.disputesOf([attestation.id], manager)).some(
      (dispute) => dispute.targetKind === 'ATTESTATION' && dispute.status === 'UPHELD',
    );
    if ((attestation.status === 'ACCEPTED' || attestation.status === 'REJECTED') && !rejectedByDispute)
      await this.attestationService.decide(manager, attestation);
  }

  private async assertMember(
    manager: EntityManager,
    dao: { id: string; slug: string; governanceToken: `0x${string}` },
    signer: `0x${string}`,
  ) {
    if (await this.profiles.isContributor(manager, dao.id, signer)) return;
    const power = await this.chain.votingPower(dao.governanceToken, await this.reader.latestBlock(), signer);
    if (power === 0n)
      throw new ContributionsError(
        ContributionsErrorCode.NOT_A_MEMBER,
        `${signer} holds no voting power and has no contributions in DAO "${dao.slug}": only members can dispute`,
        { signer },
      );
  }
}
