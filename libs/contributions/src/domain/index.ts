export * from './acceptance.js';
export * from './attestation-rules.js';
export * from './contribution.js';
export * from './contributions.error.js';
export * from './round-phases.js';
