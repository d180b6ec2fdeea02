import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { PgNotifier } from './pg-notifier.js';

@Global()
@Module({
  providers: [
    {
      provide: PgNotifier,
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => new PgNotifier(config.database.url),
    },
  ],
  exports: [PgNotifier],
})
export class NotificationsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PgNotifier) private readonly notifier: PgNotifier,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    this.notifier.receiveFrom((this.dataSource.driver as PostgresDriver).master as pg.Pool);
    await this.notifier.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
  }
}
