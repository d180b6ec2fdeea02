import { SetMetadata } from '@nestjs/common';
import type { JobDefinition } from './job.definition.js';

export const JOB_HANDLER_METADATA = Symbol('guildhall:job-handler');

/**
 * Marks a provider method as the handler of a job kind. The worker process discovers it at boot
 * and works the queue; API processes only create the queue so that they can send to it.
 *
 * The handler receives the parsed payload; throwing schedules a retry (with backoff) until the
 * definition's retry limit, so handlers must be idempotent.
 */
export const ProcessJob = (definition: JobDefinition): MethodDecorator =>
  SetMetadata(JOB_HANDLER_METADATA, definition);
