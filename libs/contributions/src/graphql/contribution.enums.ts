import { registerEnumType } from '@nestjs/graphql';

export enum AttestationKindEnum {
  FINE_TUNING = 'FINE_TUNING',
  SAFETY_EVALUATION = 'SAFETY_EVALUATION',
  RED_TEAMING = 'RED_TEAMING',
  DATA_CURATION = 'DATA_CURATION',
  APPLICATION = 'APPLICATION',
  RESEARCH = 'RESEARCH',
  INFRASTRUCTURE = 'INFRASTRUCTURE',
}
registerEnumType(AttestationKindEnum, { name: 'AttestationKind' });

export enum AttestationStatusEnum {
  PENDING_COSIGN = 'PENDING_COSIGN',
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  DISPUTED = 'DISPUTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AttestationStatusEnum, { name: 'AttestationStatus' });

export enum DisputeTargetKindEnum {
  ATTESTATION = 'ATTESTATION',
  REVIEW = 'REVIEW',
}
registerEnumType(DisputeTargetKindEnum, { name: 'DisputeTargetKind' });

export enum DisputeStatusEnum {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}
registerEnumType(DisputeStatusEnum, { name: 'DisputeStatus' });

export enum DisputeResolutionEnum {
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}
registerEnumType(DisputeResolutionEnum, { name: 'DisputeResolution' });
