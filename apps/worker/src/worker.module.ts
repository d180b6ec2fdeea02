import { Module, type DynamicModule } from '@nestjs/common';
import type { ResolvedConfig } from '@guildhall/config';
import { platformModules } from '@guildhall/platform';

/**
 * The worker process: it works the job queues that the feature modules declare (chain indexer,
 * lifecycle timers, payout relay) and serves only /health and /metrics. Several workers can run at
 * once: pg-boss claims each job with SKIP LOCKED.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return { module: WorkerModule, imports: platformModules(config, { work: true }) };
  }
}
