import { Injectable } from '@nestjs/common';
import { ProcessJob } from '@guildhall/database';
import { ReviewDeadline } from './attestation-lifecycle.jobs.js';
import { AttestationService } from './attestation.service.js';

/** Worker side of the review phase: closes it at the deadline. */
@Injectable()
export class AttestationLifecycleHandler {
  constructor(private readonly attestations: AttestationService) {}

  @ProcessJob(ReviewDeadline)
  async onDeadline({ attestationId, dueAt }: { attestationId: string; dueAt: string }): Promise<void> {
    // A job may be claimed a few milliseconds early; failing it retries it a second later.
    if (Date.now() < Date.parse(dueAt))
      throw new Error(`attestation ${attestationId}: review deadline ${dueAt} not reached yet`);
    await this.attestations.closeReview(attestationId);
  }
}
