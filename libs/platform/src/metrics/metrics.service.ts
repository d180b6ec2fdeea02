import { Injectable } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { apiMetrics, shareMetricsWithPrimary } from '../cluster/api-cluster.js';

/**
 * Prometheus metrics of this process, served at /metrics (of every process, when `start:api` runs
 * several). One registry per app instance.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'guildhall_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: 'guildhall_graphql_operations_total',
    help: 'GraphQL operations by type, name and outcome',
    labelNames: ['type', 'name', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'guildhall_' });
    shareMetricsWithPrimary(this.registry);
  }

  /** What /metrics serves. */
  scrape(): Promise<string> {
    return apiMetrics(this.registry);
  }

  apolloPlugin(): ApolloServerPlugin {
    const operations = this.graphqlOperations;
    return {
      requestDidStart: () =>
        Promise.resolve({
          willSendResponse: ({ operation, operationName, errors }) => {
            operations.inc({
              type: operation?.operation ?? 'invalid',
              name: operationName ?? 'anonymous',
              outcome: errors && errors.length > 0 ? 'error' : 'ok',
            });
            return Promise.resolve();
          },
        }),
    };
  }
}
