import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type ResolvedConfig, InjectConfig } from '@guildhall/config';
import { PgBoss, type SendOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { JOB_HANDLER_METADATA } from './job-handler.decorator.js';
import type { JobDefinition, JobPayload, ParsedJobPayload } from './job.definition.js';

export const JOBS_OPTIONS = Symbol('guildhall:jobs-options');

export interface JobsOptions {
  /** Work the queues in this process (the worker); otherwise only send to them (an API replica). */
  readonly work: boolean;
  /** Seconds between polls of an idle queue. */
  readonly pollingIntervalSeconds?: number;
}

interface Handler {
  readonly definition: JobDefinition;
  readonly run: (payload: unknown) => Promise<void>;
}

/** pg-boss keeps its tables in a schema of its own, beside ours and outside our migrations. */
export const JOBS_SCHEMA = 'pgboss';

/**
 * The job runner every feature shares: pg-boss on the same PostgreSQL (embedded or not). Jobs are
 * persisted, retried with backoff, and claimed with SKIP LOCKED, so several workers can run side by
 * side and a job is processed by one of them at a time.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();

  constructor(
    @InjectConfig() config: ResolvedConfig,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.boss = new PgBoss({
      connectionString: config.database.url,
      schema: JOBS_SCHEMA,
      max: 4,
      application_name: options.work ? 'guildhall-worker' : 'guildhall-api',
      supervise: options.work,
      schedule: options.work,
      connectionTimeoutMillis: config.bootTimeoutMs,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    const handlers = this.discoverHandlers();
    for (const { definition } of handlers) await this.ensureQueue(definition);
    if (!this.options.work) return;
    for (const handler of handlers) {
      await this.boss.work(
        handler.definition.name,
        { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1 },
        async ([job]) => {
          if (job !== undefined) await handler.run(job.data);
        },
      );
    }
    this.logger.log(
      `working ${handlers.length} job queue(s): ${handlers.map((h) => h.definition.name).join(', ') || 'none'}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, close: true, timeout: 10_000 });
  }

  /** Enqueues a job; the payload is validated here, so a bad payload fails the caller, not the worker. */
  async send<D extends JobDefinition>(
    definition: D,
    payload: JobPayload<D>,
    options: SendOptions = {},
  ): Promise<string | null> {
    const data = definition.schema.parse(payload) as object;
    await this.ensureQueue(definition);
    return this.boss.send(definition.name, data, options);
  }

  /**
   * Enqueues a job inside the caller's transaction: it exists if and only if the transaction
   * commits, so a write and the jobs it schedules can never be half done.
   */
  async sendWithin<D extends JobDefinition>(
    manager: EntityManager,
    definition: D,
    payload: JobPayload<D>,
    options: SendOptions = {},
  ): Promise<string | null> {
    return this.send(definition, payload, {
      ...options,
      db: {
        executeSql: async (text, values) => {
          if (manager.queryRunner === undefined)
            throw new Error('sendWithin needs a transaction’s EntityManager');
          return { rows: (await manager.queryRunner.query(text, values, true)).records };
        },
      },
    });
  }

  /** Jobs of a queue in every state: for operations and tests. */
  async stats(definition: JobDefinition): Promise<{ queued: number; active: number; total: number }> {
    const queue = await this.boss.getQueue(definition.name);
    return {
      queued: queue?.queuedCount ?? 0,
      active: queue?.activeCount ?? 0,
      total: queue?.totalCount ?? 0,
    };
  }

  private async ensureQueue(definition: JobDefinition): Promise<void> {
    if (this.queues.has(definition.name)) return;
    if ((await this.boss.getQueue(definition.name)) === null) {
      await this.boss.createQueue(definition.name, {
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelaySeconds ?? 2,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? 300,
        policy: definition.policy ?? 'standard',
      });
    }
    this.queues.add(definition.name);
  }

  private discoverHandlers(): Handler[] {
    const handlers: Handler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance === null || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const definition = this.reflector.get<JobDefinition | undefined>(JOB_HANDLER_METADATA, method);
        if (definition === undefined) continue;
        if (handlers.some((h) => h.definition.name === definition.name)) {
          throw new Error(`Two handlers for job "${definition.name}"`);
        }
        handlers.push({
          definition,
          run: async (payload) => {
            const parsed: ParsedJobPayload<typeof definition> = definition.schema.parse(payload);
            try {
              await (method as (payload: unknown) => Promise<void>).call(instance, parsed);
            } catch (error) {
              this.logger.warn(
                { err: error, job: definition.name },
                `job ${definition.name} failed; it will be retried`,
              );
              throw error;
            }
          },
        });
      }
    }
    return handlers;
  }
}
