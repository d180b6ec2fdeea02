import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loggerParams, type ResolvedConfig } from '@guildhall/config';
import { ChainModule } from '@guildhall/chain';
import { DatabaseModule, JobsModule, NotificationsModule } from '@guildhall/database';
import { GovernanceModule } from '@guildhall/governance';
import { HealthModule } from '../../api/src/health/health.module.js';
import { MetricsModule } from '../../api/src/metrics/metrics.module.js';

/**
 * The worker process: it works the job queues that the feature modules declare (chain indexer,
 * lifecycle timers, payout relay) and serves only /health and /metrics. Several workers can run at
 * once: pg-boss claims each job with SKIP LOCKED.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        DiscoveryModule,
        DatabaseModule,
        ChainModule,
        NotificationsModule,
        JobsModule.forRoot({ work: true }),
        HealthModule,
        MetricsModule,
        GovernanceModule,
      ],
    };
  }
}
