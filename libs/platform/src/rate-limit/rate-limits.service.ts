import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { InjectConfig, type Rate, type ResolvedConfig } from '@guildhall/config';
import { CommonError, CommonErrorCode, isGuildhallError } from '@guildhall/core';
import { ApiKeys } from '@guildhall/database';
import type { SignerAdmission } from '@guildhall/signed-writes';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { Address } from 'viem';
import { graphqlErrorOf } from '../graphql/graphql-error.filter.js';

/** What is counted: operations per client IP, or signed writes per signer. */
export type LimitKind = 'query' | 'mutation' | 'signer' | 'subscription';

/** The header an integrator sends its API key in. */
export const API_KEY_HEADER = 'x-api-key';

/** The GraphQL context of an HTTP request, as the API builds it. */
export interface HttpGraphqlContext {
  readonly req?: FastifyRequest;
  /** Set once the operation is admitted: its request carried a valid API key. */
  rateLimitExempt?: boolean;
}

const WHAT: Record<LimitKind, string> = {
  query: 'queries from this address',
  mutation: 'mutations from this address',
  signer: 'signed writes by this signer',
  subscription: 'subscriptions from this address',
};

/** The API key a request carries, if any (the first one, when the header is repeated). */
export const apiKeyOf = (headers: Readonly<Record<string, string | string[] | undefined>>) => {
  const value = headers[API_KEY_HEADER];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The API's rate limits, counted in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres on the
 * app's pool, table `rate_limit`), so every API process shares them: queries and mutations per
 * client IP (the Apollo plugin), subscriptions per client IP (graphql-ws, SubscriptionLimits), and
 * signed writes per verified signer (SignedWrites asks `admit` once a signature checks out). A
 * request with a valid API key (`x-api-key`) is not limited; an unknown or revoked key is refused.
 * When the counters cannot be read (the database is failing), the request goes through: the
 * failure is logged, and the request itself will meet the same database.
 */
@Injectable()
export class RateLimits implements SignerAdmission {
  private readonly logger = new Logger(RateLimits.name);
  private readonly limiters: Readonly<Record<LimitKind, RateLimiterPostgres>> | undefined;
  private readonly rates: Readonly<Record<LimitKind, Rate>>;
  /** Whether the signed write being run came with a valid API key (RateLimitScopeInterceptor). */
  private readonly writes = new AsyncLocalStorage<{ readonly exempt: boolean }>();

  constructor(
    @InjectConfig() config: ResolvedConfig,
    dataSource: DataSource,
    private readonly apiKeys: ApiKeys,
  ) {
    const { queries, mutations, signerMutations, subscriptions } = config.rateLimit;
    this.rates = {
      query: queries,
      mutation: mutations,
      signer: signerMutations,
      subscription: subscriptions,
    };
    if (!config.rateLimit.enabled) return;
    const limiter = (kind: LimitKind) =>
      new RateLimiterPostgres({
        storeClient: dataSource,
        storeType: 'typeorm',
        tableName: 'rate_limit',
        // The migration creates the table; one limiter deletes the expired rows of all of them.
        tableCreated: true,
        clearExpiredByTimeout: kind === 'query',
        keyPrefix: kind,
        points: this.rates[kind].points,
        duration: this.rates[kind].durationSeconds,
        // A refused client stays refused in this process's memory until its window ends: a flood
        // costs the database nothing once it is over the limit.
        inMemoryBlockOnConsumed: this.rates[kind].points + 1,
      });
    this.limiters = {
      query: limiter('query'),
      mutation: limiter('mutation'),
      signer: limiter('signer'),
      subscription: limiter('subscription'),
    };
  }

  get enabled(): boolean {
    return this.limiters !== undefined;
  }

  /** Counts one operation of `kind` for `client`; throws RATE_LIMITED past the limit. */
  async consume(kind: LimitKind, client: string): Promise<void> {
    const limiter = this.limiters?.[kind];
    if (limiter === undefined) return;
    try {
      await limiter.consume(client);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        this.logger.warn(
          { err: rejection, kind },
          'rate limit counters unavailable; letting the request through',
        );
        return;
      }
      const { points, durationSeconds } = this.rates[kind];
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new CommonError(
        CommonErrorCode.RATE_LIMITED,
        `Too many ${WHAT[kind]}: at most ${points} every ${durationSeconds} s; retry in ${retryAfterSeconds} s`,
        { limit: kind, retryAfterSeconds },
      );
    }
  }

  /**
   * Whether a request carrying `apiKey` (the x-api-key header) is exempt from the limits: false
   * without a key or when limits are off; throws API_KEY_INVALID for a key that is unknown or revoked.
   */
  async exempt(apiKey: string | undefined): Promise<boolean> {
    if (apiKey === undefined || !this.enabled) return false;
    if (await this.apiKeys.isValid(apiKey)) return true;
    throw new CommonError(
      CommonErrorCode.API_KEY_INVALID,
      `The ${API_KEY_HEADER} header names no valid API key (unknown or revoked): send a valid key or none`,
    );
  }

  /** Runs a mutation's resolver; the signed writes it makes are counted unless `exempt`. */
  runMutation<T>(exempt: boolean, resolve: () => T): T {
    return this.writes.run({ exempt }, resolve);
  }

  /** SignerAdmission: counts a signed write of a mutation (never one the worker makes). */
  async admit(signer: Address): Promise<void> {
    const scope = this.writes.getStore();
    if (scope === undefined || scope.exempt) return;
    await this.consume('signer', signer.toLowerCase());
  }

  /**
   * Counts each HTTP query and mutation against its client IP (the operation is refused before it
   * runs, with HTTP status 429), and sends Retry-After with every RATE_LIMITED answer (also when a
   * signed write was refused while the operation ran: its answer has `data`, so its status stays 200).
   */
  apolloPlugin(): ApolloServerPlugin<HttpGraphqlContext> {
    return {
      requestDidStart: () =>
        Promise.resolve({
          didResolveOperation: async ({ operation, contextValue }) => {
            const { req } = contextValue;
            if (!this.enabled || req === undefined) return;
            try {
              contextValue.rateLimitExempt = await this.exempt(apiKeyOf(req.headers));
              if (!contextValue.rateLimitExempt) {
                await this.consume(
                  operation?.operation === OperationTypeNode.MUTATION ? 'mutation' : 'query',
                  req.ip,
                );
              }
            } catch (error) {
              if (!isGuildhallError(error)) throw error;
              // Nothing ran: the answer's HTTP status is the error's (Apollo strips `http`).
              const { message, extensions } = graphqlErrorOf(error);
              throw new GraphQLError(message, {
                extensions: { ...extensions, http: { status: extensions.status } },
              });
            }
          },
          willSendResponse: ({ response }) => {
            if (response.body.kind !== 'single') return Promise.resolve();
            const waits = (response.body.singleResult.errors ?? [])
              .filter((error) => error.extensions?.code === CommonErrorCode.RATE_LIMITED)
              .map((error) => Number(error.extensions?.retryAfterSeconds ?? 1));
            if (waits.length > 0) response.http.headers.set('retry-after', String(Math.max(...waits)));
            return Promise.resolve();
          },
        }),
    };
  }
}
