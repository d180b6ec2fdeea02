import type { DynamicModule, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import {
  ConfigModule,
  loadConfig,
  loggerParams,
  requireExternalServices,
  type ResolvedConfig,
} from '@guildhall/config';
import { ChainModule, readChainId } from '@guildhall/chain';
import { DatabaseModule, JobsModule, NotificationsModule } from '@guildhall/database';
import { BountiesModule } from '@guildhall/bounties';
import { ContributionsModule } from '@guildhall/contributions';
import { CreditsModule } from '@guildhall/credits';
import { DaoModule } from '@guildhall/dao';
import { GovernanceModule } from '@guildhall/governance';
import { RewardsModule } from '@guildhall/rewards';
import { SignedWritesModule } from '@guildhall/signed-writes';
import { StatementsModule } from '@guildhall/statements';
import { TreasuryModule } from '@guildhall/treasury';
import { entities } from './entities.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';

/**
 * What every Guildhall process runs on: configuration, logs, the database, the chain, event
 * fan-out, the job queues (worked here or not), /health, /metrics, and the feature modules.
 */
export function platformModules(
  config: ResolvedConfig,
  jobs: { work: boolean },
): Array<DynamicModule | Type> {
  return [
    ConfigModule.forRoot(config),
    LoggerModule.forRoot(loggerParams(config)),
    DiscoveryModule,
    DatabaseModule.forRoot(entities),
    ChainModule,
    NotificationsModule,
    SignedWritesModule,
    JobsModule.forRoot(jobs),
    HealthModule,
    MetricsModule,
    DaoModule,
    GovernanceModule,
    ContributionsModule,
    RewardsModule,
    CreditsModule,
    BountiesModule,
    TreasuryModule,
    StatementsModule,
  ];
}

/**
 * Configuration of a process that runs on its own (`start:api`, `start:worker`): PostgreSQL and the
 * chain must be configured, and the chain must answer (with CHAIN_ID, if set) before boot goes on.
 */
export async function externalConfig(): Promise<ResolvedConfig> {
  const external = requireExternalServices(loadConfig());
  const chainId = await readChainId(external.chain.rpcUrl, {
    expectedChainId: external.chain.chainId,
    timeoutMs: external.bootTimeoutMs,
  });
  return {
    ...external,
    chain: { ...external.chain, chainId },
    // A process serving the public: rate limits are on unless RATE_LIMIT_ENABLED=false.
    rateLimit: { ...external.rateLimit, enabled: external.rateLimit.enabled ?? true },
  };
}
