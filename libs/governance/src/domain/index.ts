export * from './dao.js';
export * from './dao.repository.js';
export * from './dao.service.js';
export * from './governance.error.js';
export * from './voting.js';
export * from './voting-config.js';
export * from './action-description.js';
