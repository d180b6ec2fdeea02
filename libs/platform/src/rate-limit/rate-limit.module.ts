import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeys } from '@guildhall/database';
import { SIGNER_ADMISSION } from '@guildhall/signed-writes';
import { RateLimitScopeInterceptor } from './rate-limit-scope.interceptor.js';
import { RateLimits } from './rate-limits.service.js';
import { SubscriptionLimits } from './subscription-limits.js';

/** Rate limits, API keys and graphql-ws caps; global so that SignedWrites finds SIGNER_ADMISSION. */
@Global()
@Module({
  providers: [
    ApiKeys,
    RateLimits,
    SubscriptionLimits,
    { provide: SIGNER_ADMISSION, useExisting: RateLimits },
    { provide: APP_INTERCEPTOR, useClass: RateLimitScopeInterceptor },
  ],
  exports: [RateLimits, SubscriptionLimits, SIGNER_ADMISSION],
})
export class RateLimitModule {}
