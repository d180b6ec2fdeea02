import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { ResolvedConfig } from '@guildhall/config';

const METRICS_REQUEST = 'guildhall:metrics-request';
const METRICS_RESPONSE = 'guildhall:metrics-response';
const METRICS_TIMEOUT_MS = 5_000;
const RESTART_DELAY_MS = 1_000;

interface MetricsMessage {
  readonly type: typeof METRICS_REQUEST | typeof METRICS_RESPONSE;
  readonly id: string;
  readonly metrics?: string;
  readonly error?: string;
}

const isMetricsMessage = (message: unknown): message is MetricsMessage =>
  typeof message === 'object' &&
  message !== null &&
  [METRICS_REQUEST, METRICS_RESPONSE].includes((message as { type?: unknown }).type as string);

/**
 * The primary of `start:api` with API_WORKERS > 1: forks the workers, which share its port (each
 * is the whole API), replaces a worker that dies once the API is up, answers the workers' /metrics
 * with the metrics of all of them, and on SIGTERM or SIGINT stops every worker (each closes as a
 * lone API does) and exits. A worker that dies before it listens stops them all: boot failed (the
 * worker said why on stderr), and forking again would only fail again.
 */
export function superviseApiWorkers(config: ResolvedConfig): void {
  const logger = pino({ level: config.log.level, name: 'api-cluster' });
  const aggregator = new AggregatorRegistry();
  const listening = new Set<number>();
  let stopping = false;

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  const fork = () => {
    if (!stopping) cluster.fork();
  };

  cluster.on('listening', (worker: Worker) => {
    listening.add(worker.id);
    logger.info({ pid: worker.process.pid }, 'API worker listening');
  });
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!listening.delete(worker.id)) {
      logger.error({ pid: worker.process.pid, code, signal }, 'an API worker failed to start; stopping');
      stop(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'an API worker died; starting another');
    setTimeout(fork, RESTART_DELAY_MS);
  });
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isMetricsMessage(message) || message.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (metrics) => worker.send({ type: METRICS_RESPONSE, id: message.id, metrics }),
      (error: unknown) => worker.send({ type: METRICS_RESPONSE, id: message.id, error: String(error) }),
    );
  });
  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));

  logger.info({ workers: config.http.apiWorkers, port: config.http.port }, 'starting API workers');
  for (let i = 0; i < config.http.apiWorkers; i += 1) fork();
}

/** In a worker of `superviseApiWorkers`: `registry` is what this worker answers the primary with. */
export function shareMetricsWithPrimary(registry: Registry): void {
  if (!cluster.isWorker) return;
  // Constructing one makes prom-client answer the primary's requests in this worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/**
 * Prometheus text of `registry`; in a worker of `superviseApiWorkers`, of every worker (the
 * primary gathers them), so a scrape reads the whole API whichever worker answers it.
 */
export async function apiMetrics(registry: Registry): Promise<string> {
  if (!cluster.isWorker) return registry.metrics();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error(`The API primary did not send the metrics within ${METRICS_TIMEOUT_MS} ms`));
    }, METRICS_TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      if (!isMetricsMessage(message) || message.type !== METRICS_RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.metrics === undefined) reject(new Error(message.error ?? 'no metrics'));
      else resolve(message.metrics);
    };
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, id });
  });
}
