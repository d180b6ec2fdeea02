import { Module } from '@nestjs/common';
import { DaoModule } from '@guildhall/dao';
import { GovernanceModule } from '@guildhall/governance';
import { AttestationRepository } from './datasources/attestation.repository.js';
import { ContributorProfileRepository } from './datasources/contributor-profile.repository.js';
import { DisputeRepository } from './datasources/dispute.repository.js';
import { ReviewSettingsRepository } from './datasources/review-settings.repository.js';
import { ReviewRepository } from './datasources/review.repository.js';
import { AttestationLifecycleHandler } from './domain/attestation-lifecycle.handler.js';
import { AttestationService } from './domain/attestation.service.js';
import { ContributorService } from './domain/contributor.service.js';
import { DisputeService } from './domain/dispute.service.js';
import { ReviewService } from './domain/review.service.js';
import { AttestationLoaders } from './graphql/attestation.loaders.js';
import { AttestationResolver } from './graphql/attestation.resolver.js';
import { ContributorResolver } from './graphql/contributor.resolver.js';
import { ReviewResolver } from './graphql/review.resolver.js';

/** Resolvers of this feature, for the schema generator. */
export const contributionsResolvers = [AttestationResolver, ContributorResolver, ReviewResolver];

@Module({
  imports: [DaoModule, GovernanceModule],
  providers: [
    AttestationRepository,
    ReviewRepository,
    ReviewSettingsRepository,
    DisputeRepository,
    ContributorProfileRepository,
    ContributorService,
    AttestationService,
    ReviewService,
    DisputeService,
    AttestationLifecycleHandler,
    AttestationLoaders,
    ...contributionsResolvers,
  ],
  exports: [AttestationService],
})
export class ContributionsModule {}
