import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import { DataSource } from 'typeorm';
import { connectDataSource } from './data-source.js';

/** The one TypeORM DataSource of the process, connected at boot (failing fast) and closed at shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) =>
        connectDataSource({
          url: config.database.url,
          poolSize: config.database.poolSize,
          connectTimeoutMs: config.bootTimeoutMs,
        }),
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
