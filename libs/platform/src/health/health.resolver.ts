import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '@guildhall/core/nest';
import { HealthObject } from './health.object.js';
import { HealthService, type HealthReport } from './health.service.js';

@Resolver(() => HealthObject)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => HealthObject, { description: 'Whether the database and the chain answer, each reported.' })
  health(): Promise<HealthReport> {
    return this.healthService.check();
  }
}
