export * from './domain/index.js';
export * from './contributions.module.js';
export { AttestationService } from './domain/attestation.service.js';
export { AttestationKindEnum, AttestationStatusEnum } from './graphql/contribution.enums.js';
