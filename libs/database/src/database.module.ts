import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { connectDataSource } from './data-source.js';

/**
 * The one TypeORM DataSource of the process, connected at boot (failing fast) and closed at
 * shutdown. The composition root names the entities (`forRoot`): this lib knows no feature.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  static forRoot(entities: NonNullable<DataSourceOptions['entities']>): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: (config: ResolvedConfig) =>
            connectDataSource({
              url: config.database.url,
              entities,
              poolSize: config.database.poolSize,
              connectTimeoutMs: config.bootTimeoutMs,
            }),
        },
      ],
      exports: [DataSource],
    };
  }

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
