import { Inject, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@guildhall/config';
import { testConfig } from '@guildhall/config/testing';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { ProcessJob } from './job-handler.decorator.js';
import { defineJob } from './job.definition.js';
import { JobQueue } from './job-queue.js';
import { JobsModule } from './jobs.module.js';

const RecordJob = defineJob({
  name: 'test.record',
  schema: z.object({ n: z.number().int() }),
  retryLimit: 3,
  retryDelaySeconds: 1,
});

/** Shared by every worker of one test: what each of them processed. */
class Ledger {
  readonly processed: Array<{ worker: string; n: number }> = [];
  readonly failuresLeft = new Map<number, number>();
}

const WORKER_NAME = Symbol('worker-name');

@Injectable()
class RecordHandler {
  constructor(
    private readonly ledger: Ledger,
    @Inject(WORKER_NAME) private readonly worker: string,
  ) {}

  @ProcessJob(RecordJob)
  async record({ n }: { n: number }): Promise<void> {
    const failures = this.ledger.failuresLeft.get(n) ?? 0;
    if (failures > 0) {
      this.ledger.failuresLeft.set(n, failures - 1);
      throw new Error(`job ${n} fails ${failures} more time(s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.ledger.processed.push({ worker: this.worker, n });
  }
}

async function startWorker(
  url: string,
  ledger: Ledger,
  name: string,
  work: boolean,
): Promise<INestApplicationContext> {
  @Module({
    providers: [
      { provide: Ledger, useValue: ledger },
      { provide: WORKER_NAME, useValue: name },
      RecordHandler,
    ],
  })
  class HandlerModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(testConfig({ databaseUrl: url })),
      JobsModule.forRoot({ work, pollingIntervalSeconds: 0.5 }),
      HandlerModule,
    ],
  }).compile();
  return moduleRef.init();
}

const waitFor = async (condition: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('JobQueue on PostgreSQL', () => {
  let database: TestDatabase;
  const ledger = new Ledger();
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    apps.push(await startWorker(database.url, ledger, 'api', false));
    apps.push(await startWorker(database.url, ledger, 'worker-1', true));
    apps.push(await startWorker(database.url, ledger, 'worker-2', true));
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  it('processes every job exactly once across several workers, retrying failures', async () => {
    const queue = apps[0].get(JobQueue);
    ledger.failuresLeft.set(3, 2);
    ledger.failuresLeft.set(7, 1);
    const total = 24;
    for (let n = 0; n < total; n += 1) await queue.send(RecordJob, { n });

    await waitFor(() => ledger.processed.length >= total);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a duplicate would show up here

    const numbers = ledger.processed.map((entry) => entry.n).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: total }, (_, n) => n));
    expect(ledger.failuresLeft.get(3)).toBe(0);
    expect(ledger.failuresLeft.get(7)).toBe(0);
    expect(ledger.processed.some((entry) => entry.worker === 'api')).toBe(false);
  }, 60_000);

  it('refuses a payload that does not match the job schema at send time', async () => {
    const queue = apps[0].get(JobQueue);
    await expect(queue.send(RecordJob, { n: 1.5 })).rejects.toThrow();
    await expect(queue.send(RecordJob, { n: 'x' } as unknown as { n: number })).rejects.toThrow();
  });
});
