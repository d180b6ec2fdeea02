import { Injectable } from '@nestjs/common';
import { assertNoUserinfo, type Address, type DaoSignedInput } from '@guildhall/core';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import { AttestationRepository } from '../datasources/attestation.repository.js';
import { ReviewSettingsRepository } from '../datasources/review-settings.repository.js';
import { ContributorProfileRepository } from '../datasources/contributor-profile.repository.js';
import { isAttestationKind } from './attestation-rules.js';
import type { AttestationStatus, ContributorProfile, ReviewPolicy } from './contribution.js';
import { ContributionsError, ContributionsErrorCode } from './contributions.error.js';

const HANDLE = /^[A-Za-z0-9_-]{3,32}$/;
const LINK = /^https:\/\/\S+$/;
const MAX_REVIEWERS = 256;

/** Contributor profiles, and the reviewers and review rules DAO admins set. */
@Injectable()
export class ContributorService {
  constructor(
    private readonly attestations: AttestationRepository,
    private readonly reviewSettings: ReviewSettingsRepository,
    private readonly profiles: ContributorProfileRepository,
    private readonly daos: DaoService,
    private readonly signedWrites: SignedWrites,
  ) {}

  async profile(daoSlug: string, address: Address): Promise<ContributorProfile | null> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.profiles.profile(dao.id, address);
  }

  async totals(
    daoSlug: string,
    address: Address,
  ): Promise<Array<{ status: AttestationStatus; count: number }>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.attestations.totals(dao.id, address);
  }

  /** `upsertContributorProfile`: a handle unique in the DAO, the kinds of work, public links. */
  async upsertProfile(
    input: DaoSignedInput & { handle: string; kinds: readonly string[]; links: readonly string[] },
  ): Promise<ContributorProfile> {
    const bad = (message: string, field: string) =>
      new ContributionsError(ContributionsErrorCode.INVALID_PROFILE, message, { field });
    if (!HANDLE.test(input.handle)) throw bad('handle: 3 to 32 letters, digits, _ or -', 'handle');
    if (
      input.kinds.some((kind) => !isAttestationKind(kind)) ||
      new Set(input.kinds).size !== input.kinds.length
    )
      throw bad('kinds: distinct attestation kinds (FINE_TUNING, SAFETY_EVALUATION, …)', 'kinds');
    if (input.links.length > 10 || input.links.some((link) => !LINK.test(link) || link.length > 512))
      throw bad('links: at most 10 https URLs of at most 512 characters', 'links');
    input.links.forEach((link, index) => assertNoUserinfo(link, `links[${index}]`));
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'UpsertContributorProfile',
      {
        from: input.from,
        dao: dao.slug,
        handle: input.handle,
        kinds: [...input.kinds],
        links: [...input.links],
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const owner = await this.profiles.handleOwner(manager, dao.id, input.handle);
        if (owner !== null && owner !== signer)
          throw new ContributionsError(
            ContributionsErrorCode.HANDLE_TAKEN,
            `The handle "${input.handle}" belongs to another contributor of "${dao.slug}"`,
            { handle: input.handle },
          );
        await this.profiles.saveProfile(manager, {
          daoId: dao.id,
          address: signer,
          handle: input.handle,
          kinds: input.kinds,
          links: input.links,
        });
        return { daoId: dao.id, result: { address: signer } };
      },
    );
    const saved = await this.profiles.profile(dao.id, input.from);
    if (saved === null) throw new Error(`profile of ${input.from} missing after its write`);
    return saved;
  }

  async reviewers(daoSlug: string): Promise<Address[]> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.reviewSettings.reviewers(dao.id);
  }

  async policy(daoSlug: string): Promise<ReviewPolicy> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.reviewSettings.policy(dao.id);
  }

  /** `setReviewers` (by an admin): replaces the DAO's reviewer list. */
  async setReviewers(input: DaoSignedInput & { reviewers: readonly Address[] }): Promise<Address[]> {
    if (input.reviewers.length > MAX_REVIEWERS || new Set(input.reviewers).size !== input.reviewers.length)
      throw new ContributionsError(
        ContributionsErrorCode.INVALID_REVIEW_POLICY,
        `reviewers: at most ${MAX_REVIEWERS} distinct addresses`,
        { field: 'reviewers' },
      );
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'SetReviewers',
      {
        from: input.from,
        dao: dao.slug,
        reviewers: [...input.reviewers],
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.reviewSettings.replaceReviewers(manager, dao.id, input.reviewers);
        return { daoId: dao.id, result: { reviewers: input.reviewers.length } };
      },
    );
    return this.reviewSettings.reviewers(dao.id);
  }

  /** `setReviewPolicy` (by an admin): the rules attestations submitted from now on follow. */
  async setPolicy(input: DaoSignedInput & ReviewPolicy): Promise<ReviewPolicy> {
    const bad = (message: string, field: string) =>
      new ContributionsError(ContributionsErrorCode.INVALID_REVIEW_POLICY, message, { field });
    const YEAR = 365 * 24 * 3600;
    if (!Number.isInteger(input.cosignWindow) || input.cosignWindow < 1 || input.cosignWindow > YEAR)
      throw bad('cosignWindow: 1 second to 1 year', 'cosignWindow');
    if (!Number.isInteger(input.reviewPeriod) || input.reviewPeriod < 1 || input.reviewPeriod > YEAR)
      throw bad('reviewPeriod: 1 second to 1 year', 'reviewPeriod');
    if (!Number.isInteger(input.minReviews) || input.minReviews < 1 || input.minReviews > 1000)
      throw bad('minReviews: 1 to 1,000', 'minReviews');
    if (!Number.isInteger(input.acceptanceScore) || input.acceptanceScore < 0 || input.acceptanceScore > 100)
      throw bad('acceptanceScore: 0 to 100', 'acceptanceScore');
    const dao = await this.daos.bySlug(input.dao);
    const policy: ReviewPolicy = {
      cosignWindow: input.cosignWindow,
      reviewPeriod: input.reviewPeriod,
      minReviews: input.minReviews,
      acceptanceScore: input.acceptanceScore,
    };
    await this.signedWrites.run(
      'SetReviewPolicy',
      {
        from: input.from,
        dao: dao.slug,
        cosignWindow: BigInt(policy.cosignWindow),
        reviewPeriod: BigInt(policy.reviewPeriod),
        minReviews: policy.minReviews,
        acceptanceScore: policy.acceptanceScore,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.reviewSettings.savePolicy(manager, dao.id, policy);
        return { daoId: dao.id, result: { ...policy } };
      },
    );
    return this.reviewSettings.policy(dao.id);
  }
}
