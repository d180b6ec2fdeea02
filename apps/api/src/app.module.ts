import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loggerParams, type ResolvedConfig } from '@guildhall/config';
import { ChainModule } from '@guildhall/chain';
import { DatabaseModule, JobsModule, NotificationsModule } from '@guildhall/database';
import { GovernanceModule, governanceResolvers } from '@guildhall/governance';
import { AccessPolicyCheck } from './graphql/access-policy.check.js';
import { GraphqlErrorFilter } from './graphql/graphql-error.filter.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { HealthResolver } from './health/health.resolver.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MetricsService } from './metrics/metrics.service.js';

/** Every resolver the API serves, for the schema generator (the booted app is checked against it). */
export const apiResolvers = [HealthResolver, ...governanceResolvers];

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
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        DiscoveryModule,
        DatabaseModule,
        ChainModule,
        NotificationsModule,
        JobsModule.forRoot({ work: options.work }),
        MetricsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [MetricsModule],
          inject: [MetricsService],
          useFactory: (metrics: MetricsService) => graphqlOptions(config, metrics),
        }),
        HealthModule,
        GovernanceModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GraphqlErrorFilter }, AccessPolicyCheck, HealthResolver],
    };
  }
}
