import { createHash, timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import type { FastifyRequest } from 'fastify';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends `Authorization: Bearer <token>`
 * (401 otherwise); without it, clients on the loopback interface only (the client's address, as
 * TRUST_PROXY makes it), and no one in production (403, saying what to set).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly expected: Buffer | undefined;
  private readonly production: boolean;

  constructor(@InjectConfig() config: ResolvedConfig) {
    this.expected = config.metrics.token === undefined ? undefined : digest(`Bearer ${config.metrics.token}`);
    this.production = config.env === 'production';
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.expected !== undefined) {
      // Digests of equal length, compared in constant time: the token's length does not leak either.
      if (timingSafeEqual(digest(request.headers.authorization ?? ''), this.expected)) return true;
      throw new UnauthorizedException('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    if (this.production) {
      throw new ForbiddenException('/metrics is served in production only with METRICS_TOKEN set');
    }
    if (LOOPBACK.test(request.ip)) return true;
    throw new ForbiddenException('/metrics is served to loopback clients only unless METRICS_TOKEN is set');
  }
}
