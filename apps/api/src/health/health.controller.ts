import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthStatus } from './health.object.js';
import { HealthService } from './health.service.js';

/** For load balancers and orchestrators: 200 when every dependency answers, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async check(@Res() res: Response): Promise<void> {
    const report = await this.health.check();
    res
      .status(report.status === HealthStatus.UP ? 200 : 503)
      .json({ ...report, chain: { ...report.chain, blockNumber: report.chain.blockNumber?.toString() } });
  }
}
