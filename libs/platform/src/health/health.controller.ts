import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthStatus } from './health.object.js';
import { HealthService } from './health.service.js';

/** For load balancers and orchestrators: 200 when every dependency answers, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async check(@Res() res: FastifyReply): Promise<void> {
    const report = await this.health.check();
    res
      .status(report.status === HealthStatus.UP ? 200 : 503)
      .send({ ...report, chain: { ...report.chain, blockNumber: report.chain.blockNumber?.toString() } });
  }
}
