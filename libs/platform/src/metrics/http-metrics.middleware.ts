import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MetricsService } from './metrics.service.js';

/** Known routes keep their path as a label; anything else is "other", so labels stay bounded. */
const ROUTES = new Set(['/graphql', '/health', '/metrics']);

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const end = this.metrics.httpRequests.startTimer();
    res.on('finish', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      end({
        method: req.method ?? 'GET',
        route: ROUTES.has(path) ? path : 'other',
        status: String(res.statusCode),
      });
    });
    next();
  }
}
