import { Injectable } from '@nestjs/common';
import { Address } from '@guildhall/core';
import { ProcessJob } from '@guildhall/database';
import { IndexTokenHolders } from './revenue-index.jobs.js';
import { RevenueService } from './revenue.service.js';

/** Worker side of revenue sharing: keeps each DAO token's holder index near the chain head. */
@Injectable()
export class RevenueIndexHandler {
  constructor(private readonly revenue: RevenueService) {}

  @ProcessJob(IndexTokenHolders)
  async onIndex({ token }: { token: string }): Promise<void> {
    await this.revenue.indexHolders(Address.parse(token));
  }
}
