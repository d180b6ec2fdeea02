import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager } from '@guildhall/chain';
import { DataSource } from 'typeorm';
import { HealthStatus } from './health.object.js';

export interface ComponentHealth {
  readonly status: HealthStatus;
  readonly latencyMs: number;
  readonly error?: string;
}

export interface ChainHealth extends ComponentHealth {
  readonly chainId: number;
  readonly blockNumber?: bigint;
}

export interface HealthReport {
  readonly status: HealthStatus;
  readonly database: ComponentHealth;
  readonly chain: ChainHealth;
}

const CHECK_TIMEOUT_MS = 2_000;

async function timed<T>(check: () => Promise<T>): Promise<{ value?: T; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const value = await Promise.race([check(), timeout]);
    return { value, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks each dependency on its own, so a report says which one is down. */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const chainId = this.config.chain.chainId;
    const [database, chain] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => this.chains.getPublicClient(chainId).getBlockNumber({ cacheTime: 0 })),
    ]);
    const databaseHealth: ComponentHealth = {
      status: database.error === undefined ? HealthStatus.UP : HealthStatus.DOWN,
      latencyMs: database.latencyMs,
      ...(database.error === undefined ? {} : { error: database.error }),
    };
    const chainHealth: ChainHealth = {
      status: chain.error === undefined ? HealthStatus.UP : HealthStatus.DOWN,
      latencyMs: chain.latencyMs,
      chainId,
      ...(chain.value === undefined ? {} : { blockNumber: chain.value }),
      ...(chain.error === undefined ? {} : { error: chain.error }),
    };
    return {
      status:
        databaseHealth.status === HealthStatus.UP && chainHealth.status === HealthStatus.UP
          ? HealthStatus.UP
          : HealthStatus.DOWN,
      database: databaseHealth,
      chain: chainHealth,
    };
  }
}
