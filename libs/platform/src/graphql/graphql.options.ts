import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ResolvedConfig } from '@guildhall/config';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext } from 'graphql';
import type { Context } from 'graphql-ws';
import type { MetricsService } from '../metrics/metrics.service.js';
import { inputTextPlugin } from './input-text.plugin.js';
import type { HttpGraphqlContext, RateLimits } from '../rate-limit/rate-limits.service.js';
import type { SubscriptionLimits } from '../rate-limit/subscription-limits.js';

/** The services whose Apollo plugins and graphql-ws hooks the GraphQL server runs. */
export interface GraphqlServices {
  readonly metrics: MetricsService;
  readonly limits: RateLimits;
  readonly subscriptions: SubscriptionLimits;
}

/**
 * The query limits report their rejection as a validation error (Apollo then answers 400 with
 * GRAPHQL_VALIDATION_FAILED); the `limitExceeded` extension carries our own code through.
 */
function rejectAs(code: 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES') {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            extensions: { limitExceeded: code },
          }),
        ),
    ],
  };
}

/**
 * Every error as a client sees it, over HTTP and graphql-ws. In production: no stack trace, and no
 * "Did you mean …?" (of a field, an argument, a type or an enum value): a client learns the schema
 * only where introspection may.
 */
export function formatError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const { stacktrace: _stacktrace, limitExceeded, ...extensions } = formatted.extensions ?? {};
  if (typeof limitExceeded === 'string') {
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: limitExceeded, category: 'BAD_INPUT', status: 400, retryable: false },
    };
  }
  if (!production) return formatted;
  return { ...formatted, message: formatted.message.replace(/ ?Did you mean .+\?$/, ''), extensions };
}

export function graphqlOptions(
  config: ResolvedConfig,
  { metrics, limits, subscriptions }: GraphqlServices,
): ApolloDriverConfig {
  const production = config.env === 'production';
  const validationRules = [
    maxDepthRule({ n: config.graphql.maxDepth, flattenFragments: true, ...rejectAs('QUERY_TOO_DEEP') }),
    costLimitRule({ maxCost: config.graphql.maxCost, ...rejectAs('QUERY_TOO_COMPLEX') }),
    maxAliasesRule({ n: config.graphql.maxAliases, ...rejectAs('TOO_MANY_ALIASES') }),
  ];
  const format = (formatted: GraphQLFormattedError) => formatError(formatted, production);
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Field resolvers (a proposal's votes page, a round's allocations) throw typed errors too: through
    // the one error filter, not as Apollo's INTERNAL_SERVER_ERROR.
    fieldResolverEnhancers: ['filters'],
    buildSchemaOptions: { numberScalarMode: 'integer' },
    introspection: config.graphql.introspection,
    // The explorer is the web app's (/explorer): it works offline, where GraphiQL's own page loads from a CDN.
    graphiql: false,
    subscriptions: {
      'graphql-ws': { path: '/graphql', ...subscriptions.hooks({ validationRules, formatError: format }) },
    },
    validationRules,
    // No field sets a cache hint: Apollo's default cache-control plugin would only wrap every resolver.
    plugins: [
      metrics.apolloPlugin(),
      limits.apolloPlugin(),
      inputTextPlugin(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    includeStacktraceInErrorResponses: !production,
    formatError: format,
    // Over HTTP Apollo passes { req, res }; over graphql-ws, graphql-ws passes its connection context.
    context: (argument: { req?: FastifyRequest; res?: unknown } | Context): HttpGraphqlContext =>
      'extra' in argument ? subscriptions.contextOf(argument) : { req: argument.req },
  };
}
