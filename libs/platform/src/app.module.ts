import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { bountiesResolvers } from '@guildhall/bounties';
import { chainResolvers } from '@guildhall/chain';
import type { ResolvedConfig } from '@guildhall/config';
import { contributionsResolvers } from '@guildhall/contributions';
import { creditsControllers, creditsResolvers } from '@guildhall/credits';
import { daoResolvers } from '@guildhall/dao';
import { governanceResolvers } from '@guildhall/governance';
import { rewardsResolvers } from '@guildhall/rewards';
import { statementsResolvers } from '@guildhall/statements';
import { treasuryResolvers } from '@guildhall/treasury';
import { AccessPolicyCheck } from './graphql/access-policy.check.js';
import { GraphqlErrorFilter } from './graphql/graphql-error.filter.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthResolver } from './health/health.resolver.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MetricsService } from './metrics/metrics.service.js';
import { platformModules } from './platform.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RateLimits } from './rate-limit/rate-limits.service.js';
import { SubscriptionLimits } from './rate-limit/subscription-limits.js';

/** Every resolver the API serves, for the schema generator (the booted app is checked against it). */
export const apiResolvers = [
  HealthResolver,
  ...chainResolvers,
  ...daoResolvers,
  ...governanceResolvers,
  ...contributionsResolvers,
  ...rewardsResolvers,
  ...creditsResolvers,
  ...bountiesResolvers,
  ...treasuryResolvers,
  ...statementsResolvers,
];

export interface AppModuleOptions {
  /** Also work the job queues in this process (embedded mode: API and worker in one process). */
  readonly work: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig, options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...platformModules(config, { work: options.work }),
        RateLimitModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [MetricsModule, RateLimitModule],
          inject: [MetricsService, RateLimits, SubscriptionLimits],
          useFactory: (metrics: MetricsService, limits: RateLimits, subscriptions: SubscriptionLimits) =>
            graphqlOptions(config, { metrics, limits, subscriptions }),
        }),
      ],
      controllers: [...creditsControllers],
      providers: [{ provide: APP_FILTER, useClass: GraphqlErrorFilter }, AccessPolicyCheck, HealthResolver],
    };
  }
}
