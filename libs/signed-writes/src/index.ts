export * from './domain/signed-write.error.js';
export * from './domain/signed-writes.service.js';
export * from './signed-writes.module.js';
