import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, ProcessJob } from '@guildhall/database';
import { SWEEP_SCHEDULED, TREASURY_SWEEP_INTERVAL_SECONDS, TreasurySweep } from './treasury.jobs.js';
import { SafeIndexer } from './safe-indexer.js';

/**
 * Worker side of the treasury: every few seconds (and at once after a proposal or an execution),
 * each DAO Safe is reconciled with the chain from its stored cursor and what is due is proposed.
 * A restart resumes from the cursors; a Safe whose pass fails does not hold up the others.
 */
@Injectable()
export class TreasuryHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(TreasuryHandler.name);

  constructor(
    private readonly indexer: SafeIndexer,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.send(TreasurySweep, {}, { singletonKey: SWEEP_SCHEDULED });
  }

  @ProcessJob(TreasurySweep)
  async onSweep(): Promise<void> {
    try {
      for (const safe of await this.indexer.safes()) {
        try {
          await this.indexer.index(safe);
        } catch (error) {
          this.logger.warn({ err: error, safe }, 'treasury pass failed; the next pass retries it');
        }
      }
    } finally {
      await this.jobs.send(
        TreasurySweep,
        {},
        { startAfter: TREASURY_SWEEP_INTERVAL_SECONDS, singletonKey: SWEEP_SCHEDULED },
      );
    }
  }
}
