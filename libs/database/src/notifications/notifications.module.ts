import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@guildhall/config';
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
  constructor(@Inject(PgNotifier) private readonly notifier: PgNotifier) {}

  async onModuleInit(): Promise<void> {
    await this.notifier.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
  }
}
