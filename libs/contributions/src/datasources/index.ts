import {
  AttestationCreditEntity,
  AttestationEntity,
  AttestationEvidenceKeyEntity,
} from './attestation.entity.db.js';
import { ContributorProfileEntity } from './contributor-profile.entity.db.js';
import { DisputeEntity } from './dispute.entity.db.js';
import { DaoReviewerEntity, ReviewPolicyEntity } from './review-settings.entity.db.js';
import { ReviewEntity } from './review.entity.db.js';

export {
  AttestationCreditEntity,
  AttestationEntity,
  AttestationEvidenceKeyEntity,
  ContributorProfileEntity,
  DaoReviewerEntity,
  DisputeEntity,
  ReviewEntity,
  ReviewPolicyEntity,
};

/** Every TypeORM entity of this feature; the data source in @guildhall/database collects them. */
export const contributionsEntities = [
  ContributorProfileEntity,
  DaoReviewerEntity,
  ReviewPolicyEntity,
  AttestationEntity,
  AttestationCreditEntity,
  AttestationEvidenceKeyEntity,
  ReviewEntity,
  DisputeEntity,
];
