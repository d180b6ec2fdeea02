import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { CommonError, CommonErrorCode, isGuildhallError } from '@guildhall/core';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type ValidationRule,
} from 'graphql';
import { CloseCode, type Context, type SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { clientAddressOf } from '../client-address.js';
import { graphqlErrorOf } from '../graphql/graphql-error.filter.js';
import { apiKeyOf, RateLimits, type HttpGraphqlContext, type LimitKind } from './rate-limits.service.js';

interface Connection {
  readonly ip: string;
  readonly exempt: boolean;
}

/** A WebSocket close reason is at most 123 bytes. */
const closeReason = (text: string) => text.slice(0, 123);

/** What an operation sent over graphql-ws counts as. */
function kindOf(document: DocumentNode, operationName: string | null | undefined): LimitKind {
  const operation = getOperationAST(document, operationName)?.operation;
  return operation === OperationTypeNode.SUBSCRIPTION
    ? 'subscription'
    : operation === OperationTypeNode.MUTATION
      ? 'mutation'
      : 'query';
}

/** How operations sent over graphql-ws are checked as those sent over HTTP are. */
export interface OperationChecks {
  /** The validation rules Apollo runs besides GraphQL's own (depth, cost, aliases). */
  readonly validationRules: readonly ValidationRule[];
  /** Apollo's formatError, so that a refusal reads the same on both transports. */
  readonly formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
}

/**
 * The limits of graphql-ws: connections per client IP (per API process; the excess is closed with
 * 4403 and a reason saying why), operations at once per connection (the excess is answered with a
 * TOO_MANY_SUBSCRIPTIONS error, the others run on), the rate limits of every operation sent
 * over the socket, counted as over HTTP (an API key in the upgrade request's x-api-key lifts them),
 * and the same validation rules as over HTTP (depth, cost, aliases), which graphql-ws alone skips.
 */
@Injectable()
export class SubscriptionLimits {
  private readonly perIp = new Map<string, number>();
  private readonly connections = new WeakMap<object, Connection>();
  private readonly maxConnectionsPerIp: number;
  private readonly maxSubscriptionsPerConnection: number;
  private readonly clientAddress: (request: IncomingMessage) => string;

  constructor(
    @InjectConfig() config: ResolvedConfig,
    private readonly limits: RateLimits,
    private readonly modules: ModuleRef,
  ) {
    this.maxConnectionsPerIp = config.graphql.maxConnectionsPerIp;
    this.maxSubscriptionsPerConnection = config.graphql.maxSubscriptionsPerConnection;
    this.clientAddress = clientAddressOf(config.http.trustProxy);
  }

  /** The graphql-ws hooks that enforce them. */
  hooks(
    checks: OperationChecks,
  ): Pick<GraphQLWsSubscriptionsConfig, 'onConnect' | 'onClose' | 'onSubscribe'> {
    const rules = [...specifiedRules, ...checks.validationRules];
    const refusal = (errors: readonly GraphQLError[]) =>
      errors.map((error) => {
        const { message, extensions } = checks.formatError(error.toJSON());
        return new GraphQLError(message, { extensions });
      });
    return {
      onConnect: (ctx) => this.connect(ctx),
      onClose: (ctx) => this.close(ctx),
      onSubscribe: (ctx, _id, payload) => this.subscribe(ctx, payload, rules, refusal),
    };
  }

  /** The GraphQL context of an operation sent over the socket. */
  contextOf(ctx: Context): HttpGraphqlContext {
    return { rateLimitExempt: this.connections.get(ctx)?.exempt === true };
  }

  private async connect(ctx: Context): Promise<boolean> {
    const { socket, request } = ctx.extra as Extra;
    const ip = this.clientAddress(request);
    const open = this.perIp.get(ip) ?? 0;
    if (open >= this.maxConnectionsPerIp) {
      socket.close(
        CloseCode.Forbidden,
        closeReason(`Too many connections from this address: at most ${this.maxConnectionsPerIp} at once`),
      );
      return false;
    }
    this.perIp.set(ip, open + 1);
    this.connections.set(ctx, { ip, exempt: false });
    try {
      this.connections.set(ctx, { ip, exempt: await this.limits.exempt(apiKeyOf(request.headers)) });
      return true;
    } catch (error) {
      this.close(ctx);
      // An unexpected failure closes the socket as graphql-ws does (4500), without its message.
      if (!isGuildhallError(error)) throw error;
      socket.close(CloseCode.Forbidden, closeReason(error.message));
      return false;
    }
  }

  private close(ctx: Context): void {
    const connection = this.connections.get(ctx);
    if (connection === undefined) return;
    this.connections.delete(ctx);
    const open = (this.perIp.get(connection.ip) ?? 1) - 1;
    if (open > 0) this.perIp.set(connection.ip, open);
    else this.perIp.delete(connection.ip);
  }

  /** The operation to run, or why it is refused. */
  private async subscribe(
    ctx: Context,
    payload: SubscribePayload,
    rules: readonly ValidationRule[],
    refusal: (errors: readonly GraphQLError[]) => readonly GraphQLError[],
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    // graphql-ws has already registered this operation among the connection's.
    if (Object.keys(ctx.subscriptions).length > this.maxSubscriptionsPerConnection) {
      return [
        graphqlErrorOf(
          new CommonError(
            CommonErrorCode.TOO_MANY_SUBSCRIPTIONS,
            `This connection already runs ${this.maxSubscriptionsPerConnection} operations, the most one may: complete one first`,
            { max: this.maxSubscriptionsPerConnection },
          ),
        ),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      if (error instanceof GraphQLError) return refusal([error]);
      throw error;
    }
    const connection = this.connections.get(ctx);
    if (connection !== undefined && !connection.exempt) {
      try {
        await this.limits.consume(kindOf(document, payload.operationName), connection.ip);
      } catch (error) {
        if (isGuildhallError(error)) return [graphqlErrorOf(error)];
        throw error;
      }
    }
    const { schema } = this.modules.get(GraphQLSchemaHost, { strict: false });
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return refusal(invalid);
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables ?? undefined,
    };
  }
}
