import { Injectable } from '@nestjs/common';
import { ProcessJob } from '@guildhall/database';
import { RoundPhaseDue } from './round-lifecycle.jobs.js';
import { RoundService } from './round.service.js';

/** Worker side of a round: OPEN, REVIEWING and FINALIZED at its phase times. */
@Injectable()
export class RoundLifecycleHandler {
  constructor(private readonly rounds: RoundService) {}

  @ProcessJob(RoundPhaseDue)
  async onPhase({ roundId, dueAt }: { roundId: string; dueAt: string }): Promise<void> {
    // A job may be claimed a few milliseconds early; failing it retries it a second later.
    if (Date.now() < Date.parse(dueAt)) throw new Error(`round ${roundId}: phase ${dueAt} not reached yet`);
    await this.rounds.advance(roundId);
  }
}
