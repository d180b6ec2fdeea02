import { Injectable } from '@nestjs/common';
import { ProcessJob } from '@guildhall/database';
import { ProposalDeadline } from './proposal-lifecycle.jobs.js';
import { ProposalService } from './proposal.service.js';

/** Worker side of the proposal lifecycle: PENDING → ACTIVE at the start, closed at the end. */
@Injectable()
export class ProposalLifecycleHandler {
  constructor(private readonly proposals: ProposalService) {}

  @ProcessJob(ProposalDeadline)
  async onDeadline({ proposalId, dueAt }: { proposalId: string; dueAt: string }): Promise<void> {
    // A job may be claimed a few milliseconds early; failing it retries it a second later.
    if (Date.now() < Date.parse(dueAt))
      throw new Error(`proposal ${proposalId}: deadline ${dueAt} not reached yet`);
    await this.proposals.advance(proposalId);
  }
}
