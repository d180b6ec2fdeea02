import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, ProcessJob } from '@guildhall/database';
import { CREDITS_SWEEP_INTERVAL_SECONDS, CREDITS_SWEEP_SCHEDULED, CreditsSweep } from './credits.jobs.js';
import { CreditsService } from './credits.service.js';

/**
 * Worker side of the credits ledger: every few seconds, expired grants' remainders move to the
 * expiry account (an EXPIRY transfer each) and timed-out holds are voided. Each grant and hold is
 * its own transaction, so a restart resumes where the last pass stopped.
 */
@Injectable()
export class CreditsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly credits: CreditsService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.send(CreditsSweep, {}, { singletonKey: CREDITS_SWEEP_SCHEDULED });
  }

  @ProcessJob(CreditsSweep)
  async onSweep(): Promise<void> {
    try {
      const now = new Date();
      await this.credits.expireHolds(now);
      await this.credits.expireGrants(now);
    } finally {
      await this.jobs.send(
        CreditsSweep,
        {},
        { startAfter: CREDITS_SWEEP_INTERVAL_SECONDS, singletonKey: CREDITS_SWEEP_SCHEDULED },
      );
    }
  }
}
