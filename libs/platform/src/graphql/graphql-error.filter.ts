import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlContextType, type GqlExceptionFilter } from '@nestjs/graphql';
import { httpStatusOf, isGuildhallError, type GuildhallError } from '@guildhall/core';
import { GraphQLError } from 'graphql';
import { ZodError } from 'zod';

/**
 * A typed domain error as clients see it, over HTTP and graphql-ws alike. A RATE_LIMITED error
 * also carries `retryAfterSeconds` (the HTTP transport sends it as Retry-After too).
 */
export function graphqlErrorOf(exception: GuildhallError): GraphQLError {
  const { retryAfterSeconds } = exception.details;
  return new GraphQLError(exception.message, {
    extensions: {
      code: exception.code,
      category: exception.category,
      status: httpStatusOf(exception.category),
      retryable: exception.category === 'RETRYABLE' || exception.category === 'RATE_LIMITED',
      ...(exception.category === 'RATE_LIMITED' && typeof retryAfterSeconds === 'number'
        ? { retryAfterSeconds }
        : {}),
      ...(Object.keys(exception.details).length > 0 ? { details: exception.details } : {}),
    },
  });
}

/**
 * The one place typed domain errors become GraphQL errors: `extensions.code` is the domain code
 * (`DAO_NOT_FOUND`, `PAGE_SIZE_EXCEEDED`, …), `extensions.category` says whether retrying can help.
 * Expected rejections are not logged as errors; anything unexpected is logged and masked.
 */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') throw exception;
    const path = GqlArgumentsHost.create(host).getInfo<{ fieldName?: string } | undefined>()?.fieldName;

    if (isGuildhallError(exception)) {
      if (exception.category === 'RETRYABLE' || exception.category === 'INTERNAL') {
        this.logger.warn({ err: exception, field: path }, exception.message);
      }
      return graphqlErrorOf(exception);
    }
    if (exception instanceof ZodError) {
      return new GraphQLError(
        exception.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '),
        {
          extensions: { code: 'BAD_INPUT', category: 'BAD_INPUT', status: 400, retryable: false },
        },
      );
    }
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof HttpException) {
      return new GraphQLError(exception.message, {
        extensions: { code: 'BAD_REQUEST', status: exception.getStatus() },
      });
    }
    this.logger.error({ err: exception, field: path }, 'unexpected error in a resolver');
    return new GraphQLError('Internal error', {
      extensions: { code: 'INTERNAL', category: 'INTERNAL', status: 500, retryable: false },
    });
  }
}
