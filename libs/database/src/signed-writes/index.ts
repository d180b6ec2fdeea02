export * from './signed-write.error.js';
export * from './signed-writes.service.js';
export * from './signed-writes.module.js';
