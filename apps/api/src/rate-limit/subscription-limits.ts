import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { CommonError, CommonErrorCode, isGuildhallError } from '@guildhall/core';
import { getOperationAST, OperationTypeNode, parse, type GraphQLError } from 'graphql';
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

/** What an operation sent over graphql-ws counts as; one that does not parse is refused later. */
function kindOf(payload: SubscribePayload): LimitKind {
  try {
    const operation = getOperationAST(parse(payload.query), payload.operationName)?.operation;
    return operation === OperationTypeNode.SUBSCRIPTION
      ? 'subscription'
      : operation === OperationTypeNode.MUTATION
        ? 'mutation'
        : 'query';
  } catch {
    return 'query';
  }
}

/**
 * The limits of graphql-ws: connections per client IP (per API process; the excess is closed with
 * 4403 and a reason saying why), operations at once per connection (the excess is answered with a
 * TOO_MANY_SUBSCRIPTIONS error, the others run on), and the rate limits of every operation sent
 * over the socket, counted as over HTTP (an API key in the upgrade request's x-api-key lifts them).
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
  ) {
    this.maxConnectionsPerIp = config.graphql.maxConnectionsPerIp;
    this.maxSubscriptionsPerConnection = config.graphql.maxSubscriptionsPerConnection;
    this.clientAddress = clientAddressOf(config.http.trustProxy);
  }

  /** The graphql-ws hooks that enforce them. */
  hooks(): Pick<GraphQLWsSubscriptionsConfig, 'onConnect' | 'onClose' | 'onSubscribe'> {
    return {
      onConnect: (ctx) => this.connect(ctx),
      onClose: (ctx) => this.close(ctx),
      onSubscribe: (ctx, _id, payload) => this.subscribe(ctx, payload),
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
      socket.close(CloseCode.Forbidden, closeReason(error instanceof Error ? error.message : String(error)));
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

  private async subscribe(ctx: Context, payload: SubscribePayload): Promise<readonly GraphQLError[] | void> {
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
    const connection = this.connections.get(ctx);
    if (connection === undefined || connection.exempt) return;
    try {
      await this.limits.consume(kindOf(payload), connection.ip);
    } catch (error) {
      if (isGuildhallError(error)) return [graphqlErrorOf(error)];
      throw error;
    }
  }
}
