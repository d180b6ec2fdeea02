export * from './job.definition.js';
export * from './job-handler.decorator.js';
export * from './job-queue.js';
export * from './jobs.module.js';
