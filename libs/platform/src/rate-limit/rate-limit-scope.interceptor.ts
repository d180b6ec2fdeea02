import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { Observable } from 'rxjs';
import { RateLimits, type HttpGraphqlContext } from './rate-limits.service.js';

/**
 * Runs each mutation's resolver in a scope that tells the per-signer limit whether the request
 * carried a valid API key (SignedWrites counts the signer once the signature checks out, deep in a
 * service, where the request is not at hand).
 */
@Injectable()
export class RateLimitScopeInterceptor implements NestInterceptor {
  constructor(private readonly limits: RateLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<GraphQLResolveInfo>().operation.operation !== OperationTypeNode.MUTATION)
      return next.handle();
    const exempt = gql.getContext<HttpGraphqlContext>().rateLimitExempt === true;
    return new Observable((subscriber) =>
      this.limits.runMutation(exempt, () => next.handle().subscribe(subscriber)),
    );
  }
}
